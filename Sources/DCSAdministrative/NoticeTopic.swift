/// Topics of the ward police's security-and-order notices.
public enum NoticeTopic: String, Sendable, Hashable, CaseIterable {
    case scamWarning = "scam_warning"
    case trafficSafety = "traffic_safety"
    case firePrevention = "fire_prevention"
    case residenceRegistration = "residence_registration"
    case identityServices = "identity_services"
    case drugPrevention = "drug_prevention"
    case communityMeeting = "community_meeting"
}
