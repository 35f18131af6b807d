import Testing
@Suite struct InsightsTestsPlaceholder { @Test func builds() { #expect(Bool(true)) } }
