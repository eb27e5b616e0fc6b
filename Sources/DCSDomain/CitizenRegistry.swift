/// A deterministic stand-in for the national population database: the same seed gives the same
/// people in every process, so a simulated station and a worker agree on who exists.
///
/// About 1 in 20 well-formed ID numbers is unknown (``record(for:)`` returns `nil`); every other
/// number names a person whose birth year and sex agree with the number's G and YY digits.
/// ``citizen(at:)`` enumerates known people for simulators and tests.
public struct CitizenRegistry: Sendable {
    public let seed: UInt64

    public init(seed: UInt64 = 2025) { self.seed = seed }

    /// The person registered under `id`, if any.
    public func record(for id: CitizenID) -> CitizenRecord? {
        var rng = SplitMix64(seed, 0xC1_71_2E_4E, UInt64(id.value)!)
        guard rng.next(below: 20) != 0 else { return nil }
        let family = Self.familyNames[Int(rng.next(below: UInt64(Self.familyNames.count)))]
        let middles = id.sex == .male ? Self.maleMiddleNames : Self.femaleMiddleNames
        let middle = middles[Int(rng.next(below: UInt64(middles.count)))]
        let givens = id.sex == .male ? Self.maleGivenNames : Self.femaleGivenNames
        let given = givens[Int(rng.next(below: UInt64(givens.count)))]
        let month = Int(rng.int(in: 1...12))
        let day = Int(rng.int(in: 1...Int64(CivilDate.daysInMonth(year: id.birthYear, month: month))))
        let level = rng.next(below: 10) < 7 ? 2 : 1
        let capacity = rng.next(below: 200) != 0
        let prefix = TelecomCarrier.allPrefixes[Int(rng.next(below: UInt64(TelecomCarrier.allPrefixes.count)))]
        let phone = PhoneNumber(unchecked: prefix + CivilDate.pad(Int(rng.next(below: 10_000_000)), 7))
        return CitizenRecord(
            id: id, fullName: "\(family) \(middle) \(given)", birthDate: CivilDate(year: id.birthYear, month: month, day: day)!,
            sex: id.sex, vneidLevel: level, hasFullLegalCapacity: capacity, phone: phone)
    }

    /// The `index`-th known person, born between 1940 and `latestBirthYear` (default 2019, so that
    /// minors are among them), mostly registered in Ho Chi Minh City and its merged provinces.
    public func citizen(at index: Int, latestBirthYear: Int = 2019) -> CitizenRecord {
        var attempt: UInt64 = 0
        while true {
            var rng = SplitMix64(seed, 0xC1_71_2E_11, UInt64(index), attempt)
            let provinces = ["079", "079", "079", "079", "074", "077", "075"]
            let province = rng.next(below: 4) == 0
                ? Province.codes[Int(rng.next(below: UInt64(Province.codes.count)))]
                : provinces[Int(rng.next(below: UInt64(provinces.count)))]
            let sex: Sex = rng.next(below: 2) == 0 ? .male : .female
            let year = Int(rng.int(in: 1940...Int64(latestBirthYear)))
            let id = CitizenID(province: province, sex: sex, birthYear: year, serial: Int(rng.next(below: 1_000_000)))
            if let record = record(for: id) { return record }
            attempt += 1
        }
    }

    /// A well-formed ID number that names nobody (for "not found" cases).
    public func unknownID(at index: Int) -> CitizenID {
        var attempt: UInt64 = 0
        while true {
            var rng = SplitMix64(seed, 0x0_0DD_0, UInt64(index), attempt)
            let id = CitizenID(province: "079", sex: rng.next(below: 2) == 0 ? .male : .female,
                               birthYear: Int(rng.int(in: 1950...2000)), serial: Int(rng.next(below: 1_000_000)))
            if record(for: id) == nil { return id }
            attempt += 1
        }
    }

    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh"]
    static let maleMiddleNames = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Hoàng", "Công", "Gia"]
    static let femaleMiddleNames = ["Thị", "Ngọc", "Thanh", "Thu", "Minh", "Bảo", "Kim", "Mỹ"]
    static let maleGivenNames = ["Hùng", "Dũng", "Tuấn", "Nam", "Phúc", "Khang", "Long", "Sơn", "Hải", "Bình", "Quang", "Thắng", "Tài", "Khoa", "Huy"]
    static let femaleGivenNames = ["Hoa", "Lan", "Mai", "Hương", "Thảo", "Linh", "Trang", "Nhung", "Vy", "Ngân", "Yến", "Hạnh", "Tuyết", "Châu", "Oanh"]
}
