/// The services of the telecom category, `telecom.sim.<action>`.
public enum TelecomServiceID: String, Sendable, Hashable, CaseIterable {
    /// Four-field SIM identification (ID number, name, birth date, face); a mismatch opens a
    /// suspension case, a match lifts one.
    case identify = "telecom.sim.identify"
    /// The numbers registered to an ID document (read; the four fields must match).
    case list = "telecom.sim.list"
    /// Declare a number registered to one's ID as not one's own (the four fields must match).
    case disown = "telecom.sim.disown"
    /// Register a new number online (the first 3 per ID document only).
    case register = "telecom.sim.register"
}
