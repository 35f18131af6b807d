public import Diagnostics

extension ScheduleSpec {
    /// This spec with some parameters replaced by those written in `node` (a `params` mapping),
    /// e.g. a sweep grid varying `warmup_steps` of a schedule read from a pipeline.config.
    /// Values are type-checked and the library's validation runs again; errors point at `node`'s
    /// entries. Overridden parameters are no longer `defaulted`.
    public func overriding(_ node: ConfigNode) throws(InputError) -> ScheduleSpec {
        guard let entry = ScheduleCatalog.entry(library: library, name: name) else {
            throw node.error("unknown \(library) schedule \(quoted(name))")
        }
        var resolved = entry.withDefaults(params)
        resolved.owner = node.location
        var written: Set<String> = []
        if !node.isNull {
            for item in try node.mapping(allowedKeys: entry.params.map(\.name)) {
                guard let def = entry.params.first(where: { $0.name == item.key }) else { continue }
                resolved.values[def.name] = try CatalogEntry.coerce(item.value, to: def.kind, param: def.name, library: library,
                                                                    integerLiteral: &resolved.writtenAsInteger)
                resolved.locations[def.name] = item.value.location
                written.insert(def.name)
            }
        }
        try entry.checked(resolved)
        return ScheduleSpec(library: library, name: name, params: resolved.values,
                            defaulted: defaulted.filter { !written.contains($0) })
    }
}
