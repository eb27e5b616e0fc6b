/// Payment intermediaries the national payment platform (PayGov, run by NAPAS) routes to [firm].
/// Raw values are the payload's `intermediary` values.
public enum PaymentIntermediary: String, Sendable, Hashable, CaseIterable {
    case napas = "NAPAS"
    case viettelMoney = "Viettel Money"
    case vnpay = "VNPAY"
    case momo = "MoMo"
    case payoo = "Payoo"
    case vtcPay = "VTC Pay"
    case nganLuong = "Ngan Luong"
    case vimass = "ViMass"
    case fpt = "FPT"
}
