import Testing
@Suite struct ChartsTestsPlaceholder { @Test func builds() { #expect(Bool(true)) } }
