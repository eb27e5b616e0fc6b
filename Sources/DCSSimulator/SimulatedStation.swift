import DCSMessages

/// A kiosk as the simulator plays it: its id and the ward it stands in.
public struct SimulatedStation: Sendable, Hashable {
    public let id: StationID
    public let ward: WardCode

    /// Wards with a station in the demo. Codes are the real 5-digit codes of HCMC's post-July-2025
    /// commune-level units: Binh Trung (the first station), Sai Gon, An Khanh, Con Dao.
    public static let demoWards: [WardCode] = ["27097", "26740", "27118", "26732"].compactMap(WardCode.init(rawValue:))

    /// `count` stations spread over ``demoWards``, named `ST-<ward>-<NN>`.
    public static func fleet(count: Int) -> [SimulatedStation] {
        (0..<max(1, count)).map { index in
            let ward = demoWards[index % demoWards.count]
            let number = index / demoWards.count + 1
            return SimulatedStation(id: StationID(rawValue: "ST-\(ward.rawValue)-\(String(format: "%02d", number))")!, ward: ward)
        }
    }

    /// A fresh signing key for each station of `fleet`, valid for its own ward (the demo issues
    /// them at start; nothing is compiled in).
    public static func keys(for fleet: [SimulatedStation]) -> StationKeyRegistry {
        StationKeyRegistry(keys: fleet.map { station in
            StationKey.generate(keyID: "\(station.id.rawValue.lowercased())-demo", stationID: station.id, wards: [station.ward])
        })
    }
}
