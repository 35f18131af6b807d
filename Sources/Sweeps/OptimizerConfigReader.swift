import Diagnostics
import Training

/// `train.optimizer`: a name (`adam`) or a mapping with PyTorch's parameter names
/// (`{name: adam, betas: [0.9, 0.999], eps: 1e-8}`), plus `train.weight_decay`.
enum OptimizerConfigReader {
    /// Each optimizer's parameters, as `torch.optim` spells them.
    static let parameters: [(name: String, parameters: [String])] = [
        ("sgd", ["momentum", "dampening", "nesterov", "weight_decay"]),
        ("momentum", ["momentum", "dampening", "nesterov", "weight_decay"]),
        ("nesterov", ["momentum", "dampening", "weight_decay"]),
        ("adam", ["betas", "eps", "weight_decay", "amsgrad"]),
        ("adamw", ["betas", "eps", "weight_decay", "amsgrad"]),
        ("rmsprop", ["alpha", "eps", "momentum", "centered", "weight_decay"]),
    ]
    static let names = parameters.map(\.name)

    /// Reads the optimizer; `weightDecay` is `train.weight_decay`'s node, if given.
    static func read(_ node: ConfigNode?, weightDecay decayNode: ConfigNode?) throws(InputError) -> OptimizerSpec {
        var fields: [String: ConfigNode] = [:]
        var name = "momentum"
        if let node, node.scalarText != nil {
            name = try RunConfigReader.oneOf(node, names, default: "momentum")
        } else if let node {
            let entries = try node.mapping()
            for entry in entries { fields[entry.key] = entry.value }
            guard let nameNode = fields["name"] else {
                throw node.error("'train.optimizer' needs a 'name' (\(names.joined(separator: ", ")))")
            }
            name = try RunConfigReader.oneOf(nameNode, names, default: "momentum")
            let allowed = parameters.first { $0.name == name }!.parameters
            var problems = InputErrorCollector()
            for entry in entries where entry.key != "name" && !allowed.contains(entry.key) {
                problems.record(entry.keyNode.error("optimizer \(quoted(name)) has no parameter \(quoted(entry.key)) (it takes \(allowed.joined(separator: ", ")))",
                                          suggestion: closestMatch(to: entry.key, among: allowed)))
            }
            try problems.check()
        }
        var spec = OptimizerSpec(name: name, momentum: ["momentum", "nesterov"].contains(name) ? OptimizerDefaults.momentum : 0)
        if let m = fields["momentum"] {
            spec.momentum = try m.double()
            guard spec.momentum >= 0, spec.momentum < 1 else { throw m.error("'momentum' must be in [0, 1), got \(spec.momentum)") }
        }
        if let d = fields["dampening"] {
            let value = try d.double()
            guard value >= 0, value <= 1 else { throw d.error("'dampening' must be in [0, 1], got \(value)") }
            spec.dampening = value == OptimizerDefaults.dampening ? nil : value
        }
        if let n = fields["nesterov"], try n.bool() { spec.nesterov = true }
        if name == "nesterov" || spec.nesterov == true {
            let place = fields["nesterov"] ?? fields["momentum"] ?? fields["name"] ?? node
            guard spec.momentum > 0, spec.dampening == nil else {
                throw (place?.error("Nesterov momentum needs 'momentum' > 0 and 'dampening' 0 (as PyTorch)")
                       ?? InputError("Nesterov momentum needs 'momentum' > 0 and 'dampening' 0"))
            }
        }
        if let b = fields["betas"] { spec.betas = try readBetas(b) }
        if let e = fields["eps"] {
            let value = try e.double()
            guard value > 0 else { throw e.error("'eps' must be positive, got \(value)") }
            spec.eps = value == OptimizerDefaults.eps ? nil : value
        }
        if let a = fields["amsgrad"], try a.bool() { spec.amsgrad = true }
        if let a = fields["alpha"] {
            let value = try a.double()
            guard value >= 0, value < 1 else { throw a.error("'alpha' must be in [0, 1), got \(value)") }
            spec.alpha = value == OptimizerDefaults.alpha ? nil : value
        }
        if let c = fields["centered"], try c.bool() { spec.centered = true }
        spec.weightDecay = try readWeightDecay(fields["weight_decay"], decayNode, name: name)
        return spec
    }

    /// `[β₁, β₂]`, each in [0, 1); nil when PyTorch's default (`OptimizerDefaults`).
    static func readBetas(_ node: ConfigNode) throws(InputError) -> [Double]? {
        let items = try node.sequence()
        guard items.count == 2 else { throw node.error("'betas' must be a list of two numbers, e.g. [0.9, 0.999]") }
        var betas: [Double] = []
        for item in items {
            let value = try item.double()
            guard value >= 0, value < 1 else { throw item.error("each beta must be in [0, 1), got \(value)") }
            betas.append(value)
        }
        return betas == [OptimizerDefaults.beta1, OptimizerDefaults.beta2] ? nil : betas
    }

    /// λ from the optimizer's own `weight_decay` or `train.weight_decay` (not both, unless equal);
    /// nil when it is PyTorch's default (`OptimizerDefaults.weightDecay(decoupled:)`).
    static func readWeightDecay(_ own: ConfigNode?, _ train: ConfigNode?, name: String) throws(InputError) -> Double? {
        var value: Double?
        for node in [own, train].compactMap({ $0 }) {
            let decay = try node.double()
            guard decay >= 0 else { throw node.error("'weight_decay' must be 0 or more, got \(decay)") }
            if let value, value != decay {
                throw node.error("weight decay is given twice with different values (\(value) and \(decay)); keep one")
            }
            value = decay
        }
        let defaultDecay = OptimizerDefaults.weightDecay(decoupled: name == "adamw")
        return value == nil || value == defaultDecay ? nil : value
    }
}
