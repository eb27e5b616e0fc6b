import DCSDomain

/// The synthetic notice boards of the ward police: for each ward and day, at most one notice,
/// derived from the seed (the same in every process; nothing is stored).
public struct SecurityNoticeBoard: Sendable {
    public let seed: UInt64
    public let windowDays: Int

    public init(seed: UInt64, windowDays: Int) {
        self.seed = seed
        self.windowDays = windowDays
    }

    /// Whether `code` looks like a commune-level unit code (5 digits) [firm].
    public static func isWardCode(_ code: String) -> Bool {
        code.utf8.count == 5 && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The ward's notices still valid on `today`, newest first.
    public func notices(wardCode: String, today: CivilDate) -> [SecurityNotice] {
        (0..<windowDays).compactMap { back in notice(wardCode: wardCode, on: today.adding(days: -back)) }
            .filter { $0.validUntil >= today }
    }

    /// The notice published on `day`, if any (about one day in three).
    public func notice(wardCode: String, on day: CivilDate) -> SecurityNotice? {
        var rng = SplitMix64(seed, 0x4E_07_1C_E5, UInt64(wardCode) ?? 0, UInt64(day.daysSinceEpoch))
        guard rng.next(below: 3) == 0 else { return nil }
        let topic = NoticeTopic.allCases[Int(rng.next(below: UInt64(NoticeTopic.allCases.count)))]
        let text = Self.text(topic)
        return SecurityNotice(
            id: "TB-\(wardCode)-\(DossierCode.dayStamp(day))", wardCode: wardCode, topic: topic, publishedOn: day,
            validUntil: day.adding(days: 14 + Int(rng.next(below: 17))),
            titleVi: text.titleVi, titleEn: text.titleEn, bodyVi: text.bodyVi, bodyEn: text.bodyEn)
    }

    static func text(_ topic: NoticeTopic) -> (titleVi: String, titleEn: String, bodyVi: String, bodyEn: String) {
        switch topic {
        case .scamWarning:
            ("Cảnh giác cuộc gọi giả danh công an", "Beware of calls impersonating the police",
             "Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền hay cài ứng dụng lạ. Gọi 113 khi nghi ngờ.",
             "The police never deal with cases by phone, ask for transfers or for apps to be installed. Call 113 if in doubt.")
        case .trafficSafety:
            ("Tổ chức lại giao thông khu vực chợ", "Traffic around the market is reorganised",
             "Từ tuần này, đường quanh chợ cấm đỗ xe từ 6 giờ đến 9 giờ sáng. Đề nghị bà con chấp hành.",
             "From this week, no parking around the market from 6 to 9 a.m.")
        case .firePrevention:
            ("Kiểm tra phòng cháy chữa cháy nhà trọ", "Fire-safety checks in rental housing",
             "Công an phường kiểm tra phòng cháy chữa cháy tại các nhà trọ; chủ nhà chuẩn bị bình chữa cháy và lối thoát hiểm.",
             "The ward police inspect rental housing; landlords must provide extinguishers and escape routes.")
        case .residenceRegistration:
            ("Nhắc nhở đăng ký tạm trú", "Reminder: register temporary residence",
             "Người đến ở từ 30 ngày trở lên phải đăng ký tạm trú; có thể nộp trực tuyến qua VNeID.",
             "Anyone staying 30 days or more must register temporary residence, online through VNeID if they wish.")
        case .identityServices:
            ("Lịch cấp căn cước và kích hoạt VNeID mức 2", "ID card and VNeID level 2 schedule",
             "Công an phường tiếp nhận cấp căn cước, kích hoạt VNeID mức 2 vào sáng thứ Bảy tại trụ sở.",
             "The ward police issue ID cards and activate VNeID level 2 on Saturday mornings at the station.")
        case .drugPrevention:
            ("Tuyên truyền phòng chống ma túy", "Drug prevention campaign",
             "Phối hợp cùng tổ dân phố tuyên truyền phòng chống ma túy trong thanh thiếu niên.",
             "With the residential groups, a drug-prevention campaign for young people.")
        case .communityMeeting:
            ("Họp tổ dân phố về an ninh trật tự", "Residential group meeting on security",
             "Mời bà con dự họp tổ dân phố bàn về an ninh trật tự khu phố vào tối thứ Sáu.",
             "Residents are invited to a meeting on neighbourhood security on Friday evening.")
        }
    }
}
