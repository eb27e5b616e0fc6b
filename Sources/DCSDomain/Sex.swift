/// Sex as encoded in the personal ID number's century digit.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male, female
}
