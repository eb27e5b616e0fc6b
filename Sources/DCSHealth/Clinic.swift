import DCSDomain
import Foundation

/// A clinic that examines remotely: synthetic reference data, identical in every process for a seed.
public struct Clinic: Sendable, Hashable {
    /// Health-facility code (mã cơ sở khám chữa bệnh): `79` (Ho Chi Minh City) + 3 digits, e.g. `79012`.
    public let id: String
    /// Vietnamese name, e.g. `Phòng khám Đa khoa Bình Trưng 2`.
    public let name: String
    /// The 5-digit ward code of its address.
    public let wardCode: String
    /// Specialties examined remotely, in ``Specialty`` declaration order.
    public let specialties: [Specialty]
    /// ISO weekdays (1 = Monday ... 7 = Sunday) with remote sessions.
    public let openWeekdays: Set<Int>
    /// Start times of the daily slots, ascending.
    public let slotTimes: [TimeOfDay]
    /// Length of one slot (one consultation), in minutes.
    public let slotMinutes: Int
    /// Patients examined per slot (one per doctor on duty).
    public let capacityPerSlot: Int

    public init(id: String, name: String, wardCode: String, specialties: [Specialty], openWeekdays: Set<Int>,
                slotTimes: [TimeOfDay], slotMinutes: Int, capacityPerSlot: Int) {
        precondition(Clinic.isWellFormedID(id) && !slotTimes.isEmpty && slotMinutes > 0 && capacityPerSlot > 0)
        self.id = id
        self.name = name
        self.wardCode = wardCode
        self.specialties = specialties
        self.openWeekdays = openWeekdays
        self.slotTimes = slotTimes.sorted()
        self.slotMinutes = slotMinutes
        self.capacityPerSlot = capacityPerSlot
    }

    /// Whether `text` has the shape of a clinic id (`79` + 3 digits).
    public static func isWellFormedID(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 5 && b[0] == 0x37 && b[1] == 0x39 && b.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether the clinic holds remote sessions on `date`.
    public func isOpen(on date: CivilDate) -> Bool { openWeekdays.contains(date.isoWeekday) }

    /// The instant a slot starts (Ho Chi Minh City wall clock).
    public func start(of date: CivilDate, _ time: TimeOfDay) -> Date {
        date.startInHoChiMinhCity.addingTimeInterval(TimeInterval(time.minutes * 60))
    }

    /// The instant a slot ends.
    public func end(of date: CivilDate, _ time: TimeOfDay) -> Date {
        start(of: date, time).addingTimeInterval(TimeInterval(slotMinutes * 60))
    }
}
