import CivicExport
import CivicLedger
import Foundation
import Testing

@Suite struct GivingExportTests {
    @Test func thePackageValidatesAndNamesNoOne() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let package = try GivingExport.package(directory: fixture.directory, verifiers: [fixture.signer.verifier], year: 2025)
        let validation = try GivingValidator.validate(package.text)
        #expect(validation.status == 0, "\(validation.output)")
        #expect(validation.output.contains("valid: 2 grants"))
        #expect(package.grantCount == 2)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(package.text.utf8)) as? [String: Any])
        let grants = try #require(json["grants"] as? [[String: Any]])
        #expect(grants.compactMap { $0["id"] as? String } == ["360G-CN-USCI-53100000500021676K-dsb-2025-1",
                                                             "360G-CN-USCI-53100000500021676K-dsb-2025-2"])
        #expect(package.text.contains("\"amountAwarded\": 12345.50,"))
        #expect(grants.first?["awardDate"] as? String == "2025-05-10")
        let funder = (grants.first?["fundingOrganization"] as? [[String: Any]])?.first
        #expect(funder?["id"] as? String == "CN-USCI-53100000500021676K" && funder?["name"] as? String == ReportFixture.hostileName)
        for grant in grants {
            let recipient = try #require(grant["recipientIndividual"] as? [String: Any])
            #expect((recipient["id"] as? String)?.hasPrefix("360G-CN-USCI-53100000500021676K-IND-") == true)
            #expect(grant["recipientOrganization"] == nil)
        }
        // No reversed, administrative or other-year disbursement; no person and no donor.
        #expect(!package.text.contains(ReportFixture.reversedID) && !package.text.contains("dsb-2025-admin") && !package.text.contains("dsb-2024"))
        for secret in ReportFixture.forbidden { #expect(!package.text.contains(secret), "\(secret) leaked") }
        // Bound to the checkpoint; the same bytes every time.
        let checkpoint = package.checkpoint.checkpoint
        #expect((json["description"] as? String)?.contains(package.checkpoint.note.serialized) == true)
        #expect(package.text.contains(checkpoint.root.base64) && checkpoint.size == 13)
        let again = try GivingExport.package(directory: fixture.directory, verifiers: [fixture.signer.verifier], year: 2025)
        #expect(again.text == package.text)
    }

    @Test func aWrongKeyOrAnEmptyYearIsRefused() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let stranger = try NoteSigner.generate(name: fixture.signer.name)
        let wrongKey = #expect(throws: LedgerError.self) {
            try GivingExport.package(directory: fixture.directory, verifiers: [stranger.verifier], year: 2025)
        }
        #expect(wrongKey?.code == .corrupt)
        for year in [2023, 20_250] {
            let error = #expect(throws: LedgerError.self) {
                try GivingExport.package(directory: fixture.directory, verifiers: [fixture.signer.verifier], year: year)
            }
            #expect(error?.code == .usage)
        }
    }
}
