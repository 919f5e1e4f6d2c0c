/// The invented names, products and sentences every benchmark's generated
/// complaints are made of, in one place so that the data sets stay alike.
/// (Generators pick from them with their own seeded random numbers.)
enum SyntheticText {
    static let firstNames = ["Ada", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
                             "Kemi", "Liam", "Maya", "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
    static let lastNames = ["Moss", "Okafor", "Lindqvist", "Nakamura", "Garcia", "Dubois", "Kowalski", "Haddad",
                            "O'Brien", "Schmidt", "Rossi", "Petrov", "Andersen", "Mensah", "Silva", "Novak"]
    static let products = ["Current account", "Savings account", "Credit card", "Mortgage", "Personal loan",
                           "Mobile app", "Online banking", "Home insurance", "Debit card", "Overdraft"]
    static let decisions = ["Duplicate charge refunded in full", "Fee waived as a goodwill gesture",
                            "Explained the terms of the account in writing", "Card replaced and fee refunded",
                            "Complaint not upheld: the charge follows the published tariff",
                            "Compensation paid for the delay and the inconvenience"]
    static let openings = ["I was charged twice for the same payment", "My card was declined at the till",
                           "Nobody answered my calls for a week", "The app keeps logging me out",
                           "My statement shows a fee I never agreed to", "The branch refused to open an account"]
    static let words = ["and", "the", "account", "payment", "branch", "statement", "called", "waited", "days",
                        "again", "refund", "manager", "promised", "letter", "email", "never", "received",
                        "transfer", "balance", "interest", "charged", "overdraft", "online", "support",
                        "explained", "wrong", "still", "nothing", "happened", "since", "March", "twice"]
}
