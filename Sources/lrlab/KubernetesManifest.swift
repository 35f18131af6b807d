import Foundation
import Yams

/// The Kubernetes objects `lrlab k8s` prints, as one multi-document YAML text for
/// `kubectl apply -f -`: the sweep's ConfigMap, the output volume's claim (when none is given),
/// the Indexed Job of the shards and the Job that merges them into DIR's report.
///
/// Every value is a Yams node, so user text (image, paths, `--set` values, the sweep file) is
/// quoted and escaped by the emitter; a string is plain only when it cannot be read back as
/// anything else (`plainSafe`). Only the comments are written by hand, and they hold no user text
/// but the name, which is a DNS-1123 label.
struct KubernetesManifest {
    /// The DNS-1123 label every object's name is made from (`lrlab-<name>`, …).
    var name: String
    /// The sweep's own name (for the header comment; letters, digits, '-' and '_').
    var sweepName: String
    var shards: Int
    var runCount: Int
    var image: String
    /// The output folder as the pods see it: absolute, on the volume mounted at `mountPath`.
    var output: String
    /// The PersistentVolumeClaim to mount; nil: the manifest brings its own (`generatedClaimSize`).
    var volumeClaim: String?
    /// The sweep file's text, byte for byte.
    var sweepText: String
    /// `--set KEY=VALUE` as given, passed on to every `lrlab` in the pods.
    var overrides: [String]

    /// Where the output volume is mounted in every pod (also their working folder).
    static let mountPath = "/lrlab"
    /// Where the ConfigMap's sweep file is mounted, and its key.
    static let sweepFolder = "/lrlab-sweep"
    static let sweepKey = "sweep.yaml"
    static var sweepPath: String { sweepFolder + "/" + sweepKey }
    /// The claim made when `--volume-claim` is not given.
    static let generatedClaimSize = "1Gi"
    /// How long the merge Job waits for the shards before it gives up (seconds; `LRLAB_WAIT_SECONDS`).
    static let waitSeconds = 86_400
    /// Retries: per shard (the Indexed Job's `backoffLimit` is this × shards) and for the merge.
    static let retriesPerShard = 3
    /// The longest `name`: `lrlab-<name>-report` is at most 63 characters, a DNS-1123 label.
    static let maxNameLength = 50
    /// Kubernetes allows at most 100,000 completions in an Indexed Job.
    static let maxShards = 100_000
    /// A ConfigMap holds at most 1 MiB of data.
    static let maxConfigMapBytes = 1 << 20

    var jobName: String { "lrlab-\(name)" }
    var mergeJobName: String { "lrlab-\(name)-report" }
    var configMapName: String { "lrlab-sweep-\(name)" }
    var claimName: String { volumeClaim ?? "lrlab-\(name)" }

    // MARK: - The text

    /// The whole manifest. The sweep text is a block literal when that reads back exactly (it
    /// cannot hold a carriage return, for one), else a double-quoted string; either way the
    /// ConfigMap is checked to read back byte for byte before anything is printed.
    func yaml() throws -> String {
        for style in [Self.sweepTextStyle(sweepText), .doubleQuoted] {
            let text = try render(sweepStyle: style)
            if try Self.configMapText(in: text) == Array(sweepText.utf8) { return text }
        }
        throw ManifestError("the sweep file's text does not survive YAML quoting; please report this as a bug")
    }

    private func render(sweepStyle: Node.Scalar.Style) throws -> String {
        var parts: [String] = []
        parts.append(Self.comment("""
            lrlab k8s: sweep \(sweepName), \(runCount) run\(runCount == 1 ? "" : "s") in \(shards) shard\(shards == 1 ? "" : "s").
            Apply with `kubectl apply -f -`; follow with `kubectl logs -f job/\(mergeJobName)`.
            The output folder is \(output) on the volume claim \(claimName).
            """))
        parts.append(Self.comment("The sweep file, mounted read-only at \(Self.sweepPath) in every pod."))
        parts.append(try Self.document(configMap(sweepStyle: sweepStyle)))
        if volumeClaim == nil {
            parts.append(Self.comment("""
                No --volume-claim was given: this claim holds the output folder. Every shard writes to it at
                once, from any node, so it must be ReadWriteMany; edit its size or storageClassName to fit
                your cluster, or give lrlab k8s --volume-claim NAME to use a claim you have.
                """))
            parts.append(try Self.document(claim()))
        }
        parts.append(Self.comment("""
            The shards: pod i runs `lrlab run --shard i/\(shards)`, the runs whose grid index is i mod \(shards).
            Kubernetes expands $(VAR) in command and args only for variables declared in the container's
            env, so JOB_COMPLETION_INDEX is declared from the downward API (the pod's
            job-completion-index annotation) and lrlab is run without a shell: no user text is ever
            parsed by one. A literal $ in an argument is written $$, which Kubernetes reads back as $.
            """))
        parts.append(try Self.document(shardJob()))
        parts.append(Self.comment("""
            The report. Kubernetes has no dependencies between Jobs, so this Job's init container waits:
            it lists the sweep's run ids with `lrlab validate` (the image's lrlab, so the ids are the
            ones the shards write) and polls the volume every 30 s until each run has runs/<id>/run.json
            (or a failed.json 10 minutes old with no lock: it failed and no retry of its shard took it up).
            After LRLAB_WAIT_SECONDS it fails, naming how many runs are missing. Then `lrlab report`
            writes the report.
            """))
        parts.append(try Self.document(mergeJob()))
        return parts.joined()
    }

    private static func comment(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)\n" }.joined()
    }

    private static func document(_ node: Node) throws -> String {
        "---\n" + (try serialize(node: node, indent: 2, width: -1, allowUnicode: true))
    }

    /// The ConfigMap's sweep text, read back from a rendered manifest, as bytes.
    static func configMapText(in yaml: String) throws -> [UInt8]? {
        for document in try Yams.load_all(yaml: yaml) {
            guard let object = document as? [String: Any], object["kind"] as? String == "ConfigMap",
                  let data = object["data"] as? [String: Any], let text = data[sweepKey] as? String else { continue }
            return Array(text.utf8)
        }
        return nil
    }

    /// A literal block keeps every line as written, but YAML turns a CR (and the other Unicode
    /// line breaks) into a line feed when it reads one back; such text is double-quoted instead.
    static func sweepTextStyle(_ text: String) -> Node.Scalar.Style {
        let breaks: Set<Unicode.Scalar> = ["\r", "\u{85}", "\u{2028}", "\u{2029}"]
        return text.unicodeScalars.contains(where: breaks.contains) ? .doubleQuoted : .literal
    }

    // MARK: - The objects

    private var labels: Node {
        map([("app.kubernetes.io/name", str("lrlab")), ("app.kubernetes.io/instance", str(name))])
    }

    private func labels(component: String) -> Node {
        map([("app.kubernetes.io/name", str("lrlab")), ("app.kubernetes.io/instance", str(name)),
             ("app.kubernetes.io/component", str(component))])
    }

    private func configMap(sweepStyle: Node.Scalar.Style) -> Node {
        map([
            ("apiVersion", str("v1")),
            ("kind", str("ConfigMap")),
            ("metadata", map([("name", str(configMapName)), ("labels", labels)])),
            ("data", map([(Self.sweepKey, .scalar(Node.Scalar(sweepText, .implicit, sweepStyle)))])),
        ])
    }

    private func claim() -> Node {
        map([
            ("apiVersion", str("v1")),
            ("kind", str("PersistentVolumeClaim")),
            ("metadata", map([("name", str(claimName)), ("labels", labels)])),
            ("spec", map([
                ("accessModes", seq([str("ReadWriteMany")])),
                ("resources", map([("requests", map([("storage", str(Self.generatedClaimSize))]))])),
            ])),
        ])
    }

    /// The arguments that name the sweep for `lrlab run` and `lrlab validate`: its file and `--set`s.
    private var sweepArguments: [String] {
        [Self.sweepPath] + overrides.flatMap { ["--set", $0] }
    }

    private func shardJob() -> Node {
        let arguments = ["run"] + sweepArguments.map(Self.escapingExpansion)
            + ["-o", Self.escapingExpansion(output), "--shard", "$(JOB_COMPLETION_INDEX)/\(shards)",
               "--jobs", "1", "--no-report", "--quiet"]
        let container = map([
            ("name", str("shard")),
            ("image", str(image)),
            ("command", seq([str("lrlab")])),
            ("args", seq(arguments.map(str))),
            ("workingDir", str(Self.mountPath)),
            ("env", seq([map([
                ("name", str("JOB_COMPLETION_INDEX")),
                ("valueFrom", map([("fieldRef", map([
                    ("fieldPath", str("metadata.annotations['batch.kubernetes.io/job-completion-index']")),
                ]))])),
            ])])),
            ("resources", map([("requests", map([("cpu", str("1")), ("memory", str("2Gi"))]))])),
            ("volumeMounts", volumeMounts),
        ])
        return map([
            ("apiVersion", str("batch/v1")),
            ("kind", str("Job")),
            ("metadata", map([("name", str(jobName)), ("labels", labels(component: "shard"))])),
            ("spec", map([
                ("completionMode", str("Indexed")),
                ("completions", int(shards)),
                ("parallelism", int(shards)),
                ("backoffLimit", int(Self.retriesPerShard * shards)),
                ("template", map([
                    ("metadata", map([("labels", labels(component: "shard"))])),
                    ("spec", map([
                        ("restartPolicy", str("Never")),
                        ("containers", seq([container])),
                        ("volumes", volumes),
                    ])),
                ])),
            ])),
        ])
    }

    /// The init container's script. User text reaches it only as arguments ("$1", "$@"), never
    /// inside the script, so no quoting of it can go wrong.
    static let waitScript = """
        dir="$1"; shift
        listing=$(lrlab validate "$@") || { echo "lrlab validate failed; see above" >&2; exit 2; }
        ids=$(printf '%s\\n' "$listing" | sed -n 's/^  [0-9][0-9]*  \\([^ ]*\\).*$/\\1/p')
        total=$(printf '%s\\n' "$ids" | grep -c .)
        deadline=$(( $(date +%s) + ${LRLAB_WAIT_SECONDS:-86400} ))
        while :; do
          missing=0
          for id in $ids; do
            [ -e "$dir/runs/$id/run.json" ] && continue
            # failed, no process retrying it, and for 10 minutes (a pod's restart backoff is at most 6)
            [ ! -e "$dir/runs/.lock-$id" ] && [ -n "$(find "$dir/runs/$id/failed.json" -mmin +10 2>/dev/null)" ] && continue
            missing=$((missing + 1))
          done
          [ "$missing" -eq 0 ] && { echo "all $total runs are finished in $dir"; exit 0; }
          if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "gave up waiting: $missing of $total runs are not finished in $dir" >&2; exit 1
          fi
          echo "waiting for $missing of $total runs in $dir"
          sleep 30
        done
        """

    private func mergeJob() -> Node {
        let script = Node.scalar(Node.Scalar(Self.escapingExpansion(Self.waitScript), .implicit, .literal))
        let waitCommand = [str("sh"), str("-c"), script]
            + (["wait-for-shards", output] + sweepArguments).map(Self.escapingExpansion).map(str)
        let wait = map([
            ("name", str("wait-for-shards")),
            ("image", str(image)),
            ("command", seq(waitCommand)),
            ("workingDir", str(Self.mountPath)),
            ("env", seq([map([("name", str("LRLAB_WAIT_SECONDS")), ("value", str(String(Self.waitSeconds)))])])),
            ("resources", map([("requests", map([("cpu", str("100m")), ("memory", str("1Gi"))]))])),
            ("volumeMounts", volumeMounts),
        ])
        let report = map([
            ("name", str("report")),
            ("image", str(image)),
            ("command", seq([str("lrlab")])),
            ("args", seq(["report", output].map(Self.escapingExpansion).map(str))),
            ("workingDir", str(Self.mountPath)),
            ("resources", map([("requests", map([("cpu", str("1")), ("memory", str("2Gi"))]))])),
            ("volumeMounts", volumeMounts),
        ])
        return map([
            ("apiVersion", str("batch/v1")),
            ("kind", str("Job")),
            ("metadata", map([("name", str(mergeJobName)), ("labels", labels(component: "report"))])),
            ("spec", map([
                ("backoffLimit", int(Self.retriesPerShard)),
                ("template", map([
                    ("metadata", map([("labels", labels(component: "report"))])),
                    ("spec", map([
                        ("restartPolicy", str("Never")),
                        ("initContainers", seq([wait])),
                        ("containers", seq([report])),
                        ("volumes", volumes),
                    ])),
                ])),
            ])),
        ])
    }

    private var volumeMounts: Node {
        seq([
            map([("name", str("output")), ("mountPath", str(Self.mountPath))]),
            map([("name", str("sweep")), ("mountPath", str(Self.sweepFolder)), ("readOnly", .scalar(Node.Scalar("true", .implicit, .plain)))]),
        ])
    }

    private var volumes: Node {
        seq([
            map([("name", str("output")), ("persistentVolumeClaim", map([("claimName", str(claimName))]))]),
            map([("name", str("sweep")), ("configMap", map([
                ("name", str(configMapName)),
                ("items", seq([map([("key", str(Self.sweepKey)), ("path", str(Self.sweepKey))])])),
            ]))]),
        ])
    }

    /// Kubernetes reads `$(VAR)` in command and args as a variable and `$$` as `$`: every `$` of
    /// text that must arrive as written is doubled.
    static func escapingExpansion(_ text: String) -> String {
        text.replacingOccurrences(of: "$", with: "$$")
    }

    // MARK: - Nodes

    private func map(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (str($0.0), $0.1) }))
    }

    private func seq(_ items: [Node]) -> Node {
        .sequence(Node.Sequence(items))
    }

    private func int(_ value: Int) -> Node {
        .scalar(Node.Scalar(String(value), .implicit, .plain))
    }

    /// A string: plain when YAML cannot read it as anything but this string, else double-quoted.
    private func str(_ text: String) -> Node {
        .scalar(Node.Scalar(text, .implicit, Self.plainSafe(text) ? .plain : .doubleQuoted))
    }

    /// Starts with a letter, holds only letters, digits and `. _ / -`, and is not one of YAML 1.1's
    /// booleans or null (`yes`, `on`, `n`…): read back as a string by every YAML reader.
    static func plainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        let allowed = text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0))
        }
        let keywords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
        return allowed && !keywords.contains(text.lowercased())
    }
}

/// A manifest lrlab could not make (a bug, not bad input).
struct ManifestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
