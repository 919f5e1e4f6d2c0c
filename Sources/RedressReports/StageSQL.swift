import RedressModel

/// The reports' stage arithmetic, generated from the model: a complaint's
/// stored stage is `StageState.encoded` (a rank within a reopen generation),
/// and the KPIs of docs/KPIS.md ask which ranks it has reached. The cohort
/// names the two parts `rank` and `gen`; the conditions here read those.
enum StageSQL {
    /// The rank (`Stage.rawValue`) of the stored stage `column`.
    static func rank(_ column: String) -> String { StageState.rankSQL("COALESCE(\(column), 0)") }
    /// The reopen generation of the stored stage `column`.
    static func generation(_ column: String) -> String { "COALESCE(\(column), 0) / \(StageState.generationStride)" }

    static func rank(is stage: Stage) -> String { "rank = \(stage.rawValue)" }
    static func rank(isNot stage: Stage) -> String { "rank <> \(stage.rawValue)" }
    static func rank(below stage: Stage) -> String { "rank < \(stage.rawValue)" }
    static func rank(atLeast stage: Stage) -> String { "rank >= \(stage.rawValue)" }
    static func rank(in stages: [Stage]) -> String { "rank IN (\(stages.map { String($0.rawValue) }.joined(separator: ", ")))" }

    /// The stages a response has been given in: responded, closed, referred (not withdrawn).
    static let resolvedStages: [Stage] = [.responded, .closed, .referred]
    /// The stages a complaint leaves its handling in: closed, or referred outside.
    static let endedWithAnswer: [Stage] = [.closed, .referred]

    /// Resolved, with a known resolution time (docs/KPIS.md).
    static let isResolved = "\(rank(in: resolvedStages)) AND resolvedAt IS NOT NULL"
    /// Open: still owed something (the backlog).
    static let isOpen = rank(below: .closed)
    /// Waiting for a response and on hold: its response clocks are stopped.
    static let isWaitingOnHold = "(\(rank(below: .responded)) AND held = 1)"
}
