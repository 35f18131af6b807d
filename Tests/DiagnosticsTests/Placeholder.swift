import Testing
@Suite struct DiagnosticsTestsPlaceholder { @Test func builds() { #expect(Bool(true)) } }
