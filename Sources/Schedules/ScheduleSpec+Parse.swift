public import Diagnostics

extension ScheduleSpec {
    /// Reads `{library, name, params}` and validates it fully: unknown library, name or
    /// parameter (with "did you mean"), types, and the library's own validation errors, each
    /// located at the offending node.
    public static func parse(_ node: ConfigNode) throws(InputError) -> ScheduleSpec {
        let entries = try node.mapping(allowedKeys: ["library", "name", "params"])
        guard let libraryNode = entries.first(where: { $0.key == "library" })?.value else {
            throw node.error("\(node.name) needs 'library' (one of \(libraries.joined(separator: ", ")))")
        }
        let library = try libraryNode.string()
        guard libraries.contains(library) else {
            throw libraryNode.error("unknown schedule library \(quoted(library)) (expected one of \(libraries.joined(separator: ", ")))",
                                    suggestion: closestMatch(to: library, among: libraries))
        }
        guard let nameNode = entries.first(where: { $0.key == "name" })?.value else {
            throw node.error("\(node.name) needs 'name', the \(library) schedule's name")
        }
        let entry = try lookup(library: library, nameNode: nameNode)
        let paramsNode = entries.first(where: { $0.key == "params" })?.value
        return try make(entry, paramsNode: paramsNode.flatMap { $0.isNull ? nil : $0 }, owner: node, nested: false)
    }

    /// A sub-scheduler of SequentialLR/ChainedScheduler: `{name, params}` or `[name, {params}]`.
    static func parseNested(_ node: ConfigNode, library: String) throws(InputError) -> ScheduleSpec {
        let nameNode: ConfigNode
        var paramsNode: ConfigNode?
        if let items = try? node.sequence() {
            guard items.count == 1 || items.count == 2 else {
                throw node.error("\(node.name) must be [name, {params}] or {name: …, params: …}")
            }
            nameNode = items[0]
            paramsNode = items.count == 2 ? items[1] : nil
        } else {
            let entries = try node.mapping(allowedKeys: ["library", "name", "params"])
            if let lib = entries.first(where: { $0.key == "library" })?.value, try lib.string() != library {
                throw lib.error("a sub-scheduler must be a \(library) scheduler too")
            }
            guard let n = entries.first(where: { $0.key == "name" })?.value else {
                throw node.error("\(node.name) needs 'name'")
            }
            nameNode = n
            paramsNode = entries.first(where: { $0.key == "params" })?.value
        }
        let entry = try lookup(library: library, nameNode: nameNode)
        if ["SequentialLR", "ChainedScheduler"].contains(entry.name) {
            throw nameNode.error("\(entry.name) cannot be nested inside another SequentialLR or ChainedScheduler here")
        }
        return try make(entry, paramsNode: paramsNode.flatMap { $0.isNull ? nil : $0 }, owner: node, nested: true)
    }

    fileprivate static func lookup(library: String, nameNode: ConfigNode) throws(InputError) -> CatalogEntry {
        let name = try nameNode.string()
        if let entry = ScheduleCatalog.entry(library: library, name: name) { return entry }
        let names = ScheduleCatalog.names(library: library)
        if let other = ScheduleCatalog.entries.first(where: { $0.name == name }) {
            throw nameNode.error("\(quoted(name)) is a \(other.library) schedule, not a \(library) one")
        }
        throw nameNode.error("unknown \(library) schedule \(quoted(name))",
                             suggestion: closestMatch(to: name, among: names))
    }

    fileprivate static func make(_ entry: CatalogEntry, paramsNode: ConfigNode?, owner: ConfigNode,
                             nested: Bool) throws(InputError) -> ScheduleSpec {
        let resolved = try entry.resolve(paramsNode, owner: owner, nested: nested)
        let defaulted = entry.params.map(\.name).filter { resolved.locations[$0] == nil && resolved.values[$0] != nil }
        return ScheduleSpec(library: entry.library, name: entry.name, params: resolved.values, defaulted: defaulted.sorted())
    }
}

extension ScheduleSpec {
    /// Like `parse(_:)` for a spec whose parts sit in different places (a golden case, a sweep
    /// grid): `library` and `name` are string nodes, `params` a mapping or nil, `owner` the
    /// node errors about missing parameters point at.
    public static func parse(library libraryNode: ConfigNode, name nameNode: ConfigNode, params: ConfigNode?,
                             owner: ConfigNode) throws(InputError) -> ScheduleSpec {
        let library = try libraryNode.string()
        guard libraries.contains(library) else {
            throw libraryNode.error("unknown schedule library \(quoted(library)) (expected one of \(libraries.joined(separator: ", ")))",
                                    suggestion: closestMatch(to: library, among: libraries))
        }
        let entry = try lookup(library: library, nameNode: nameNode)
        return try make(entry, paramsNode: params.flatMap { $0.isNull ? nil : $0 }, owner: owner, nested: false)
    }
}
