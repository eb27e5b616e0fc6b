import CSQLiteSettings

/// SQLite settings that hold for the whole process and must be made before its first connection.
public enum SQLiteProcessSettings {
    /// Applies the settings once; later calls return the first call's answer.
    ///
    /// Turns SQLite's memory statistics off: with them on, every SQLite allocation takes one
    /// process-wide mutex, which the partition writers of a worker contend for (about a tenth of
    /// the pipeline's CPU in `dcs bench`). Nothing here reads those statistics.
    ///
    /// - Returns: false when SQLite had already started in this process (a connection opened
    ///   earlier): the settings then do not apply, and everything works as before, only slower.
    @discardableResult
    public static func apply() -> Bool { applied }

    private static let applied: Bool = dcs_sqlite_disable_memory_statistics() == 0
}
