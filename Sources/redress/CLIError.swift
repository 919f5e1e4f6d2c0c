/// Problems with what the user typed or piped in (the store's own refusals are `StoreError`s).
enum CLIError: Error, CustomStringConvertible {
    case badInput(String)
    case failed(String)

    var description: String {
        switch self {
        case .badInput(let message): message
        case .failed(let message): message
        }
    }
}
