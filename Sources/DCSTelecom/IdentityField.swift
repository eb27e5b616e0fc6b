/// The fields the population database compares (Circular 08/2026) [firm]. Results name the fields
/// that did not match, never their values.
public enum IdentityField: String, Sendable, Hashable, CaseIterable {
    case idNumber = "id_number"
    case fullName = "full_name"
    case birthDate = "birth_date"
    case face
}
