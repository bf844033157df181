import Foundation
import NeuralNetwork
import Training

/// Hyperband (Li et al. 2018), as in notebook 2: brackets of successive halving over random
/// configurations, each bracket trading how many configurations it tries against how many
/// epochs each gets. A configuration's score is its best selection-split accuracy; each rung
/// trains its survivors from scratch with η times the epochs.
public struct HyperbandSearch: Sendable, Codable, Equatable {
    public struct Configuration: Sendable, Codable, Equatable {
        public var id: Int
        public var learningRate: Float
        public var hidden: Int
        public var dropout: Float
        public var batchSize: Int

        public var architecture: String { Architecture.mlp(hidden: hidden, dropout: dropout) }
        public var summary: String {
            String(format: "#%d: rate %.4g, width %d, dropout %.2f, batch %d", id, learningRate, hidden, dropout, batchSize)
        }
    }

    public struct Trial: Sendable, Codable, Equatable {
        public var configuration: Int
        public var accuracy: Double
    }

    public struct Rung: Sendable, Codable, Equatable {
        public var epochs: Int
        public var trials: [Trial]
    }

    public struct Bracket: Sendable, Codable, Equatable {
        /// Hyperband's s: this bracket halves s times.
        public var s: Int
        public var rungs: [Rung]
    }

    /// Largest epochs per configuration (R) and halving factor (η).
    public var maxEpochs: Int, eta: Int
    /// Epochs trained over the whole search.
    public var totalEpochs: Int
    public var configurations: [Configuration]
    public var brackets: [Bracket]
    /// The configuration with the best score at the full budget.
    public var winner: Int
    public var winnerAccuracy: Double

    /// The search space: learning rate log-uniform in [1e-4, 3e-2] (Adam), hidden
    /// width, dropout and batch size from lists.
    static let widths = [32, 64, 128, 256, 512], dropouts: [Float] = [0, 0.1, 0.25, 0.5], batchSizes = [16, 32, 64, 128]

    static func sample(id: Int, rng: inout SeededGenerator) -> Configuration {
        let rate = powf(10, rng.uniform(-4, log10f(3e-2)))
        return Configuration(id: id, learningRate: rate, hidden: widths[Int(rng.next() % UInt64(widths.count))],
                             dropout: dropouts[Int(rng.next() % UInt64(dropouts.count))],
                             batchSize: batchSizes[Int(rng.next() % UInt64(batchSizes.count))])
    }

    /// Runs the search; `evaluate(configuration, epochs)` trains one and returns its score.
    static func run(maxEpochs: Int, eta: Int, seed: UInt64, evaluate: (Configuration, Int) throws -> Double) rethrows -> HyperbandSearch {
        var rng = SeededGenerator(seed: seed)
        let eta = max(eta, 2), maxEpochs = max(maxEpochs, 1)
        var sMax = 0
        while Self.power(eta, sMax + 1) <= maxEpochs { sMax += 1 }
        let budget = (sMax + 1) * maxEpochs
        var configurations: [Configuration] = [], brackets: [Bracket] = []
        var total = 0
        var best: (id: Int, accuracy: Double)?
        for s in stride(from: sMax, through: 0, by: -1) {
            let count = Int((Double(budget) / Double(maxEpochs) * Double(power(eta, s)) / Double(s + 1)).rounded(.up))
            var alive: [Configuration] = (0..<count).map { _ in
                let configuration = sample(id: configurations.count, rng: &rng)
                configurations.append(configuration)
                return configuration
            }
            var rungs: [Rung] = []
            for i in 0...s {
                let epochs = max(1, maxEpochs / power(eta, s - i))
                let trials = try alive.map { Trial(configuration: $0.id, accuracy: try evaluate($0, epochs)) }
                total += epochs * alive.count
                rungs.append(Rung(epochs: epochs, trials: trials))
                if i == s {
                    for trial in trials where trial.accuracy > (best?.accuracy ?? -1) { best = (trial.configuration, trial.accuracy) }
                } else {
                    let keep = max(1, trials.count / eta)
                    // Stable: ties keep the earlier configuration.
                    let ranked = trials.enumerated().sorted { ($0.element.accuracy, -$0.offset) > ($1.element.accuracy, -$1.offset) }
                    let survivors = Set(ranked.prefix(keep).map(\.element.configuration))
                    alive = alive.filter { survivors.contains($0.id) }
                }
            }
            brackets.append(Bracket(s: s, rungs: rungs))
        }
        return HyperbandSearch(maxEpochs: maxEpochs, eta: eta, totalEpochs: total, configurations: configurations,
                               brackets: brackets, winner: best?.id ?? 0, winnerAccuracy: best?.accuracy ?? 0)
    }

    static func power(_ base: Int, _ exponent: Int) -> Int { (0..<exponent).reduce(1) { product, _ in product * base } }
}

/// What `hyperband.json` holds: the search and the winner retrained and measured.
public struct HyperbandResult: Sendable, Codable, Equatable {
    public var search: HyperbandSearch
    public var winner: ModelMeasurement
}

extension Lab {
    /// Hyperband over the MLP's learning rate (Adam), width, dropout and batch size, without
    /// augmentation; the winner is retrained at the full budget and measured.
    func hyperband() throws -> [String] {
        func configuration(_ candidate: HyperbandSearch.Configuration, epochs: Int) -> TrainingConfiguration {
            var configuration = self.configuration(architecture: candidate.architecture, epochs: epochs)
            configuration.learningRate = candidate.learningRate
            configuration.batchSize = candidate.batchSize
            configuration.augmentation = nil
            return configuration
        }
        let search = try HyperbandSearch.run(maxEpochs: budget.hyperbandMaxEpochs, eta: budget.hyperbandEta, seed: seed &+ 0x4B) { candidate, epochs in
            let result = try train(configuration(candidate, epochs: epochs))
            let accuracy = Double(result.history.compactMap(\.validationAccuracy).max() ?? 0)
            log(String(format: "hyperband: %@, %d epochs: %.2f %%", candidate.summary, epochs, accuracy * 100))
            return accuracy
        }
        let winner = search.configurations[search.winner]
        var files: [String] = []
        let measurement = try measure(name: "hyperband winner (mlp \(winner.hidden), d\(winner.dropout))", prefix: "hyperband",
                                      configuration: configuration(winner, epochs: search.maxEpochs), files: &files)
        // One line per configuration that reached a second rung: its score at each budget.
        var paths: [Int: [(x: Double, y: Double)]] = [:]
        for bracket in search.brackets {
            for rung in bracket.rungs {
                for trial in rung.trials { paths[trial.configuration, default: []].append((Double(rung.epochs), trial.accuracy)) }
            }
        }
        let lines = paths.keys.sorted().compactMap { id -> LabChart.Series? in
            guard let points = paths[id], points.count > 1 else { return nil }
            return LabChart.Series(name: "#\(id)", points: points)
        }
        let chart = LabChart.lines(title: "Hyperband: selection accuracy of the survivors per rung", xLabel: "epochs",
                                   yLabel: "selection accuracy", series: lines, logarithmicX: true)
        files.append(try write(chart, to: "hyperband-rungs.svg"))
        var markdown = "# Hyperband\n\nSuccessive halving in brackets (R = \(search.maxEpochs) epochs, η = \(search.eta)) over the MLP "
            + "(sigmoid hidden layer) trained with Adam (cosine schedule, no augmentation): learning rate log-uniform in [1e-4, 3e-2], "
            + "width \(HyperbandSearch.widths), dropout \(HyperbandSearch.dropouts), batch size \(HyperbandSearch.batchSizes). "
            + "Each rung retrains its survivors from scratch; the score is the best selection-split accuracy. "
            + "Budget: \(search.totalEpochs) epochs over \(search.configurations.count) configurations. \(dataLine)\n\n"
        markdown += "**Winner**: \(winner.summary), selection \(Markdown.percent(search.winnerAccuracy)); retrained and measured: "
            + "held-out writers \(measurement.heldOut.map { Markdown.percent($0.accuracy) } ?? "–").\n\n"
        for bracket in search.brackets {
            markdown += "## Bracket s = \(bracket.s)\n\n"
            markdown += Markdown.table(["epochs", "configurations (selection accuracy)"], bracket.rungs.map { rung in
                ["\(rung.epochs)", rung.trials.map { String(format: "#%d %.3f", $0.configuration, $0.accuracy) }.joined(separator: ", ")]
            }) + "\n"
        }
        markdown += "## Configurations\n\n" + search.configurations.map { "- \($0.summary)" }.joined(separator: "\n") + "\n\n"
        markdown += Markdown.image("hyperband-rungs.svg", "rungs") + Self.accuracyTable([measurement])
        files += try writeResult(HyperbandResult(search: search, winner: measurement), markdown: markdown, experiment: .hyperband)
        return files
    }
}
