import DCSDomain

/// The synthetic list of clinics, derived from the seed so that every partition database, the
/// station simulator and the tests know the same clinics.
public struct ClinicDirectory: Sendable {
    /// Ward codes and names the clinics stand in [firm codes, from the domain facts].
    public static let wards: [(code: String, name: String)] = [
        ("27097", "Bình Trưng"), ("26740", "Sài Gòn"), ("27118", "An Khánh"), ("26732", "Côn Đảo"),
    ]
    static let kinds = ["Trạm Y tế", "Phòng khám Đa khoa", "Phòng khám Gia đình", "Trung tâm Y tế"]
    /// Specialties a primary-care clinic may offer remotely [assumed].
    static let remotePool: [Specialty] = [.generalMedicine, .ent, .dentistry, .endocrinology, .cardiology, .musculoskeletal, .dermatology]

    /// Every clinic, by ascending id.
    public let clinics: [Clinic]
    private let byID: [String: Clinic]

    public init(seed: UInt64, count: Int) {
        precondition((1...900).contains(count), "clinic count must be 1...900")
        var rng = SplitMix64(seed, 0xC11_1C5)
        var numbers = Set<Int>()
        while numbers.count < count { numbers.insert(Int(rng.int(in: 1...999))) }
        var perWard = [Int](repeating: 0, count: Self.wards.count)
        clinics = numbers.sorted().map { number in
            let id = "79" + CivilDate.pad(number, 3)
            var rng = SplitMix64(seed, 0xC11_1C5, UInt64(number))
            let wardIndex = Int(rng.next(below: UInt64(Self.wards.count)))
            perWard[wardIndex] += 1
            let ward = Self.wards[wardIndex]
            let kind = Self.kinds[Int(rng.next(below: UInt64(Self.kinds.count)))]
            var pool = Self.remotePool
            // Fisher-Yates by hand: the standard library's shuffle may change between releases.
            for i in stride(from: pool.count - 1, to: 0, by: -1) {
                pool.swapAt(i, Int(rng.next(below: UInt64(i + 1))))
            }
            let specialties = Set(pool.prefix(Int(rng.int(in: 3...5))))
            let slotMinutes = rng.next(below: 2) == 0 ? 20 : 30
            var times: [TimeOfDay] = []
            for (startMinutes, count) in [(rng.next(below: 2) == 0 ? 450 : 480, rng.int(in: 4...6)),
                                          (rng.next(below: 2) == 0 ? 810 : 840, rng.int(in: 3...6))] {
                for k in 0..<Int(count) { times.append(TimeOfDay(minutes: startMinutes + k * slotMinutes)) }
            }
            let saturday = rng.next(below: 2) == 0
            return Clinic(
                id: id, name: "\(kind) \(ward.name) \(perWard[wardIndex])", wardCode: ward.code,
                specialties: Specialty.allCases.filter(specialties.contains),
                openWeekdays: saturday ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5],
                slotTimes: times, slotMinutes: slotMinutes, capacityPerSlot: Int(rng.int(in: 1...3)))
        }
        byID = Dictionary(uniqueKeysWithValues: clinics.map { ($0.id, $0) })
    }

    /// The clinic with `id`, if it exists.
    public func clinic(id: String) -> Clinic? { byID[id] }
}
