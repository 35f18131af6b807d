import Reports
import Testing

@Suite struct MarkdownTextTests {
    @Test func htmlAndLinksBecomeText() {
        #expect(MarkdownText.escape("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>")
        #expect(MarkdownText.escape("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))")
        #expect(MarkdownText.escape("![x](http://e/x.png)") == "\\!\\[x\\](http://e/x.png)")
        #expect(MarkdownText.escape("<javascript:alert(1)>") == "\\<javascript:alert(1)\\>")
        #expect(MarkdownText.escape("&lt;b&gt; &#60;") == "\\&lt;b\\&gt; \\&\\#60;")
    }

    @Test func emphasisCodeTablesAndMathAreEscaped() {
        #expect(MarkdownText.escape("*a* _b_ ~~c~~ `d` e|f $x$ g\\h #1") ==
                "\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` e\\|f \\$x\\$ g\\\\h \\#1")
    }

    @Test func oneLineNoControlCharacters() {
        #expect(MarkdownText.escape("a\n# b\r\n<script>\u{2028}c\u{7}d\u{0}") == "a \\# b  \\<script\\> cd")
        #expect(MarkdownText.escape("  padded  ") == "padded")
    }

    @Test func ordinaryTextAndNumbersStayReadable() {
        let finding = "batch 64, lr 0.1 has the highest final test accuracy, 91.1% (epoch 3): try 0.05–0.2."
        #expect(MarkdownText.escape(finding) == finding)
        #expect(MarkdownText.escape("1.47 s") == "1.47 s")
        #expect(MarkdownText.escape("Batch size 64 / 256 / 1024 on digits") == "Batch size 64 / 256 / 1024 on digits")
    }

    @Test func lineStartMarkersAreEscapedWhereTheTextStartsALine() {
        #expect(MarkdownText.escapeLineStart("- item") == "\\- item")
        #expect(MarkdownText.escapeLineStart("+ item") == "\\+ item")
        #expect(MarkdownText.escapeLineStart("===") == "\\===")
        #expect(MarkdownText.escapeLineStart("1. first") == "1\\. first")
        #expect(MarkdownText.escapeLineStart("12) x") == "12\\) x")
        #expect(MarkdownText.escapeLineStart("> quote") == "\\> quote")
        #expect(MarkdownText.escapeLineStart("    code") == "code")
        #expect(MarkdownText.escapeLineStart("1.47 s of training") == "1.47 s of training")
        #expect(MarkdownText.escapeLineStart("7.") == "7\\.")
        #expect(MarkdownText.escapeLineStart("digits (1,438 train)") == "digits (1,438 train)")
    }
}
