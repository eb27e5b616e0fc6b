import DCSMessages
import Foundation
import Testing

@Suite("UUID text")
struct UUIDTextTests {
    @Test func matchesFoundationsCanonicalFormInLowerCase() {
        #expect(UUID(uuidString: "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")!.lowercasedString == "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercasedString) == id)
        }
    }

    @Test func matchesFoundationsUpperCaseForm() {
        #expect(UUID(uuidString: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")!.uppercasedString == "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.uppercasedString == id.uuidString)
        }
    }

    @Test func parsesTheLowerCaseWireFormOnly() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(UUID(lowercasedString: id.lowercasedString) == id)
        }
        #expect(UUID(lowercasedString: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")?.uppercasedString == "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")
        for text in [
            "", "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1F0",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00",
            "0f1e2d3c_4b5a-6978-8796-a5b4c3d2e1f0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1g0", "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f}",
            "+f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", " f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fà",
        ] {
            #expect(UUID(lowercasedString: text) == nil, "\(text)")
        }
    }
}
