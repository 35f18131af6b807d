import Diagnostics
import Yams

/// Editing YAML node trees by dotted path, keeping every node's mark so that errors in a
/// grid value or a `--set` value point at where that value was written.
enum NodeEditing {
    /// `node` with the value at `path` (e.g. ["train", "batch_size"]) replaced by `value`;
    /// missing intermediate mappings are created.
    static func setting(_ path: ArraySlice<String>, to value: Node, in node: Node) -> Node {
        guard let key = path.first else { return value }
        var pairs: [(Node, Node)] = []
        var mark: Mark?
        if let mapping = node.mapping {
            pairs = mapping.map { ($0.key, $0.value) }
            mark = mapping.mark
        } else {
            mark = node.mark  // a scalar replaced by a mapping: problems point at what was written
        }
        if let index = pairs.firstIndex(where: { $0.0.scalar?.string == key }) {
            pairs[index].1 = setting(path.dropFirst(), to: value, in: pairs[index].1)
        } else {
            let keyNode = Node.scalar(.init(key, .implicit, .plain, value.mark))
            pairs.append((keyNode, setting(path.dropFirst(), to: value, in: Node.mapping(.init([], .implicit, .any, value.mark)))))
        }
        return .mapping(.init(pairs, .implicit, .any, mark))
    }

    /// `node` without the top-level key `key`.
    static func removing(_ key: String, from node: Node) -> Node {
        guard let mapping = node.mapping else { return node }
        let pairs = mapping.filter { $0.key.scalar?.string != key }.map { ($0.key, $0.value) }
        return .mapping(.init(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// A canonical one-line text of a node, for hashing and for grid labels.
    static func canonicalText(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string
        case .sequence(let sequence): return "[" + sequence.map(canonicalText).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "{" + mapping.map { "\(canonicalText($0.key)): \(canonicalText($0.value))" }.joined(separator: ", ") + "}"
        case .alias: return "*"
        }
    }

    /// A short name for a grid value, for run ids: a scalar as written, a mapping by its `name`
    /// (a schedule or optimizer), a list by its items.
    static func shortLabel(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string
        case .sequence(let sequence): return sequence.map(shortLabel).joined(separator: "-")
        case .mapping(let mapping): return mapping["name"].map(shortLabel) ?? "map"
        case .alias: return "alias"
        }
    }
}
