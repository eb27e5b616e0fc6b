/// How an eKYC applicant proved their identity (Circular 17/2024: the face must match the chip
/// card data, or the customer authenticates with VNeID) [firm].
public enum AccountEvidence: Sendable, Hashable {
    /// The chip of the ID card was read and verified, and the live face matched its photo.
    case chipFaceMatch(score: Int64)
    /// A level 2 VNeID account (verified at the police; counts as showing the card).
    case vneidLevel2

    /// Stored and returned form.
    public var code: String {
        switch self {
        case .chipFaceMatch: "chip_face_match"
        case .vneidLevel2: "vneid_level_2"
        }
    }

    /// The face match score, for the chip route.
    public var faceMatchScore: Int64? {
        if case .chipFaceMatch(let score) = self { return score }
        return nil
    }
}
