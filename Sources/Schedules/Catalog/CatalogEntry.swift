import Diagnostics

/// One schedule of one library: its parameters, the library's validation and a builder.
struct CatalogEntry: Sendable {
    typealias Validate = @Sendable (ScheduleParams) throws(InputError) -> Void
    typealias Build = @Sendable (ScheduleParams, _ optimizerLR: Double?) -> any Schedule

    let library: String
    let name: String
    let params: [ParamDef]
    let validate: Validate
    let build: Build

    init(_ library: String, _ name: String, _ params: [ParamDef],
         validate: @escaping Validate = { _ throws(InputError) in }, build: @escaping Build) {
        self.library = library
        self.name = name
        self.params = params
        self.validate = validate
        self.build = build
    }

    /// Type-checks the `params` mapping, fills in defaults and runs the library's validation.
    /// `node` is the `params` mapping (nil when absent), `owner` the whole spec.
    func resolve(_ node: ConfigNode?, owner: ConfigNode, nested: Bool = false) throws(InputError) -> ScheduleParams {
        var result = ScheduleParams(values: [:], owner: (node ?? owner).location)
        let allowed = params.map(\.name).filter { !(nested && $0 == "optimizer_lr") }
        if let node {
            for entry in try node.mapping(allowedKeys: allowed) {
                guard let def = params.first(where: { $0.name == entry.key }) else { continue }
                if def.isOptional && entry.value.isNull { continue }
                result.values[def.name] = try Self.coerce(entry.value, to: def.kind, param: def.name,
                                                          library: library, integerLiteral: &result.writtenAsInteger)
                result.locations[def.name] = entry.value.location
                if case .list(let items) = result.values[def.name], let nodes = try? entry.value.sequence() {
                    for (i, item) in zip(items.indices, nodes) { result.locations["\(def.name)[\(i)]"] = item.location }
                }
            }
        }
        for def in params where result.values[def.name] == nil {
            if let value = def.defaultValue {
                result.values[def.name] = value
            } else if def.isRequired && !(nested && def.name == "optimizer_lr") {
                let message = "\(name) is missing the required parameter '\(def.name)'"
                throw InputError(message, at: (node ?? owner).location)
            }
        }
        try checked(result)
        return result
    }

    /// Largest step count a schedule parameter may hold: 2³² − 1, as the TF OD API's uint32
    /// fields, so step arithmetic (k × step_size, milestone sums, epochs × updates) stays far
    /// from Int overflow.
    static let maxStepCount = 4_294_967_295

    /// The step-count bound, then the library's own validation.
    func checked(_ params: ScheduleParams) throws(InputError) {
        for (key, value) in params.values.sorted(by: { $0.key < $1.key }) where ScheduleSpec.role(of: key) == .steps {
            try Self.checkSteps(value, key: key, schedule: name, params: params)
        }
        try validate(params)
    }

    private static func checkSteps(_ value: ScheduleValue, key: String, schedule: String, params: ScheduleParams,
                                   item: Int? = nil) throws(InputError) {
        let at = item.map { "\(key)[\($0)]" } ?? key
        switch value {
        case .integer(let i) where i.magnitude > UInt(maxStepCount):
            throw params.error(params.locations[at] != nil ? at : key,
                               "parameter '\(key)' of \(schedule) is \(i) steps; step counts must be at most 4,294,967,295 (2³² − 1)")
        case .number(let x) where !(x.magnitude <= Double(maxStepCount)):
            throw params.error(params.locations[at] != nil ? at : key,
                               "parameter '\(key)' of \(schedule) is \(x) steps; step counts must be at most 4,294,967,295 (2³² − 1)")
        case .list(let items):
            for (i, v) in items.enumerated() { try checkSteps(v, key: key, schedule: schedule, params: params, item: i) }
        case .mapping(let m):
            if let step = m["step"] { try checkSteps(step, key: key, schedule: schedule, params: params, item: item) }
        default: break
        }
    }

    /// `values` with the defaults of missing parameters filled in (for specs not made by parse).
    func withDefaults(_ values: [String: ScheduleValue]) -> ScheduleParams {
        var filled = values
        for def in params where filled[def.name] == nil { filled[def.name] = def.defaultValue }
        return ScheduleParams(values: filled)
    }

    static func coerce(_ node: ConfigNode, to kind: ParamDef.Kind, param: String, library: String,
                       integerLiteral: inout Set<String>) throws(InputError) -> ScheduleValue {
        let value = try Literal.value(of: node)
        let got = Literal.describe(value)
        switch kind {
        case .float, .optionalFloat:
            if case .integer = value { integerLiteral.insert(param) }
            guard let x = value.doubleValue else { throw node.error("\(node.name) must be a number, got \(got)") }
            return .number(x)
        case .int, .optionalInt:
            guard case .integer(let i) = value else { throw node.error("\(node.name) must be an integer, got \(got)") }
            return .integer(i)
        case .uint32:
            switch value {
            case .integer(let i) where i >= 0 && i <= Int(UInt32.max): return .integer(i)
            case .integer: throw node.error("\(node.name): Value out of range: \(got) (a uint32 field)")
            default: throw node.error("\(node.name): Couldn't parse integer: \(got)")
            }
        case .bool:
            guard case .bool = value else { throw node.error("\(node.name) must be true or false, got \(got)") }
            return value
        case .choice(let choices):
            guard case .string(let s) = value, choices.contains(s) else {
                throw node.error("\(node.name) must be one of \(choices.map { "'\($0)'" }.joined(separator: ", ")), got \(got)",
                                 suggestion: value.stringValue.flatMap { closestMatch(to: $0, among: choices) })
            }
            return value
        case .numberList:
            let items = try node.sequence()
            var result: [ScheduleValue] = []
            for item in items {
                let v = try Literal.value(of: item)
                guard v.doubleValue != nil else { throw item.error("\(item.name) must be a number, got \(Literal.describe(v))") }
                result.append(v)
            }
            return .list(result)
        case .schedulers:
            var result: [ScheduleValue] = []
            for item in try node.sequence() { result.append(.schedule(try ScheduleSpec.parseNested(item, library: library))) }
            return .list(result)
        case .manualSchedule:
            var result: [ScheduleValue] = []
            for item in try node.sequence() {
                var entry: [String: ScheduleValue] = ["step": .integer(0), "learning_rate": .number(0.002)]
                var ignored: Set<String> = []
                for field in try item.mapping(allowedKeys: ["step", "learning_rate"]) {
                    entry[field.key] = try coerce(field.value, to: field.key == "step" ? .uint32 : .float,
                                                  param: field.key, library: library, integerLiteral: &ignored)
                }
                result.append(.mapping(entry))
            }
            return .list(result)
        }
    }
}
