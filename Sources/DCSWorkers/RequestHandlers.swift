import DCSMessages
import DCSUtilities
import DCSWorkerRuntime

/// The handler of each category that has one.
public enum RequestHandlers {
    /// The handler for `category`, or `nil` when that category's worker does not exist yet.
    public static func handler(for category: ServiceCategory, utilities: UtilitiesConfiguration = UtilitiesConfiguration()) -> (any RequestHandler)? {
        switch category {
        case .utilities: UtilitiesRequestHandler(service: UtilitiesService(configuration: utilities))
        default: nil
        }
    }

    /// Categories with a handler.
    public static var available: [ServiceCategory] { ServiceCategory.allCases.filter { handler(for: $0) != nil } }
}
