import Foundation

/// The classes the shipped classifier knows, named by their LaTeX, and how the names used by
/// training data sets map onto them. A model file carries its own label list; this is only the
/// set new models are trained on.
public enum SymbolLabels {
    /// 0–9, + − × ÷ = . ( ), in model output order.
    public static let standard: [String] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                            "+", "-", "\\times", "\\div", "=", ".", "(", ")"]

    /// Class folder names of ImageFolder data sets (seed 000's names, plus parentheses).
    public static let imageFolderNames: [String: String] = [
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
        "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
        "plus": "+", "minus": "-", "times": "\\times", "div": "\\div",
        "equal": "=", "decimal": ".", "lparen": "(", "rparen": ")",
    ]

    /// bhmsds file-name prefixes we use. Its `dot` (multiplication dot), `slash` (division slash)
    /// and letters are not our classes.
    public static let bhmsdsNames: [String: String] = [
        "0": "0", "1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7", "8": "8", "9": "9",
        "plus": "+", "minus": "-",
    ]

    /// MDAS class folders we use (its dot and slash are not our × and ÷).
    public static let mdasNames: [String: String] = [
        "addition_plus": "+", "subtraction_minus": "-",
        "multiplication_cross": "\\times", "division_obelus": "\\div",
    ]

    /// Our label for a CROHME symbol annotation, or nil when it is not one of `standard`.
    public static func crohmeLabel(_ annotation: String) -> String? {
        let trimmed = annotation.trimmingCharacters(in: .whitespaces)
        return standard.contains(trimmed) ? trimmed : nil
    }
}
