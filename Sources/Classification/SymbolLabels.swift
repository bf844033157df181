import Foundation
import Vocabulary

/// The classes the shipped classifier knows, named by their LaTeX, and how the names used by
/// training data sets map onto them. A model file carries its own label list; this is only the
/// set new models are trained on.
public enum SymbolLabels {
    /// 0–9, + − × ÷ = . ( ), in model output order.
    public static let standard = MathSymbol.classes

    /// Class folder names of ImageFolder data sets (seed 000's names, plus parentheses).
    public static let imageFolderNames: [String: String] = [
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
        "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
        "plus": MathSymbol.plus, "minus": MathSymbol.minus, "times": MathSymbol.times, "div": MathSymbol.divide,
        "equal": MathSymbol.equals, "decimal": MathSymbol.decimalPoint, "lparen": MathSymbol.openParenthesis, "rparen": MathSymbol.closeParenthesis,
    ]

    /// bhmsds file-name prefixes we use. Its `dot` (multiplication dot), `slash` (division slash)
    /// and letters are not our classes.
    public static let bhmsdsNames: [String: String] = [
        "0": "0", "1": "1", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7", "8": "8", "9": "9",
        "plus": MathSymbol.plus, "minus": MathSymbol.minus,
    ]

    /// MDAS class folders we use (its dot and slash are not our × and ÷).
    public static let mdasNames: [String: String] = [
        "addition_plus": MathSymbol.plus, "subtraction_minus": MathSymbol.minus,
        "multiplication_cross": MathSymbol.times, "division_obelus": MathSymbol.divide,
    ]

    /// Our label for a CROHME symbol annotation (one of `MathSymbol.crohmeClasses`), or nil;
    /// callers keep the labels their model has.
    public static func crohmeLabel(_ annotation: String) -> String? {
        let trimmed = annotation.trimmingCharacters(in: .whitespaces)
        return crohmeClassSet.contains(trimmed) ? trimmed : nil
    }

    private static let crohmeClassSet = Set(MathSymbol.crohmeClasses)
}
