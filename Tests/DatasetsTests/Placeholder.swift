import Testing
@Suite struct DatasetsTestsPlaceholder { @Test func builds() { #expect(Bool(true)) } }
