/// What `UtilitiesService.handle` can throw.
///
/// The two cases call for opposite handling by the runtime, which is why they are not one type:
/// - `rejected`: a final business answer. Commit the transaction (dedup record, offset and any
///   customer row stored on first sight are all consistent) and publish the rejection as the result.
/// - `storage`: the database failed. Roll the transaction back and retry the message later; never
///   show this to the citizen as an answer.
public enum UtilitiesError: Error, Sendable {
    case rejected(UtilitiesRejection)
    case storage(any Error)

    /// The business rejection, if this is one.
    public var rejection: UtilitiesRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}
