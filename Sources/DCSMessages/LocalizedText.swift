/// A message shown to the citizen, in Vietnamese (what the kiosk displays) and English.
public struct LocalizedText: Sendable, Codable, Equatable, Hashable {
    /// Vietnamese text, the kiosk's primary language.
    public var vi: String
    /// English text, for foreign residents and for operators.
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
}
