import DCSKafka
import Foundation
import Testing

@Suite("Kafka headers")
struct KafkaHeaderTests {
    @Test(arguments: ["", "req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "Phường Bình Trưng", "\u{1F600}"])
    func textIsStoredAsItsUTF8(_ text: String) {
        let header = KafkaHeader(key: "k", string: text)
        #expect(header.value == Data(text.utf8))
        #expect(header.stringValue == text)
        // A bridged or substring-backed string takes the same bytes.
        let sliced = String("[\(text)]".dropFirst().dropLast())
        #expect(KafkaHeader(key: "k", string: sliced) == header)
    }
}
