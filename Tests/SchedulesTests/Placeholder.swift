import Testing
@Suite struct SchedulesTestsPlaceholder { @Test func builds() { #expect(Bool(true)) } }
