/// An administrative procedure as the portal publishes it: who handles it, how long it takes in
/// working days, what it costs and which documents it needs.
public struct Procedure: Sendable, Hashable {
    /// `1.000894` (national) or `1.000494.000.00.00.H29` (HCMC) [likely].
    public let code: String
    public let nameVi: String
    public let nameEn: String
    /// The kind of agency that receives it.
    public let agencyKind: AgencyKind
    /// Statutory processing time in working days (at least 2, so the fee and supplement pauses fit
    /// before the deadline).
    public let processingDays: Int
    /// Fee (phí, lệ phí) for the procedure itself, VND; 0 when free.
    public let baseFee: Int64
    /// Fee per copy (extract, certified page), VND.
    public let copyFee: Int64
    /// Allowed number of copies.
    public let copies: ClosedRange<Int>
    /// Documents that must be attached.
    public let requiredDocuments: Set<DocumentType>
    /// Documents that may also be attached.
    public let optionalDocuments: Set<DocumentType>
    /// Largest attached file, bytes.
    public let maxDocumentBytes: Int64
    /// How the result can be received.
    public let resultChannels: Set<ResultChannel>
    /// Minimum age of the applicant on the day of submission, by sex (marriage: 20 / 18).
    public let minimumAgeMale: Int
    public let minimumAgeFemale: Int

    public init(code: String, nameVi: String, nameEn: String, agencyKind: AgencyKind, processingDays: Int, baseFee: Int64,
                copyFee: Int64 = 0, copies: ClosedRange<Int> = 0...0, requiredDocuments: Set<DocumentType>,
                optionalDocuments: Set<DocumentType> = [], maxDocumentBytes: Int64 = 5 * 1_048_576,
                resultChannels: Set<ResultChannel> = Set(ResultChannel.allCases), minimumAgeMale: Int = 18, minimumAgeFemale: Int = 18) {
        precondition(processingDays >= 2 && baseFee >= 0 && copyFee >= 0 && copies.lowerBound >= 0)
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.agencyKind = agencyKind
        self.processingDays = processingDays
        self.baseFee = baseFee
        self.copyFee = copyFee
        self.copies = copies
        self.requiredDocuments = requiredDocuments
        self.optionalDocuments = optionalDocuments
        self.maxDocumentBytes = maxDocumentBytes
        self.resultChannels = resultChannels
        self.minimumAgeMale = minimumAgeMale
        self.minimumAgeFemale = minimumAgeFemale
    }

    /// Every document type the procedure accepts.
    public var acceptedDocuments: Set<DocumentType> { requiredDocuments.union(optionalDocuments) }

    /// The fee for `copies` copies: base + per-copy fee x copies, whole VND.
    public func fee(copies: Int) -> Int64 { baseFee + copyFee * Int64(copies) }
}
