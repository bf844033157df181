/// The symbols mathscan reads, named by their LaTeX: one vocabulary for the classifier's
/// classes, the layout rules, worksheet items, synthesis and the pictures people look at.
public enum MathSymbol {
    public static let digits = (0...9).map(String.init)
    public static let plus = "+"
    public static let minus = "-"
    public static let times = "\\times"
    public static let divide = "\\div"
    public static let equals = "="
    public static let decimalPoint = "."
    /// Not a class of the classifier: a dot at mid-height is read as multiplication.
    public static let multiplicationDot = "\\cdot"
    public static let openParenthesis = "("
    public static let closeParenthesis = ")"

    /// The four operators written between two numbers.
    public static let binaryOperators: Set<String> = [plus, minus, times, divide]

    /// The classes new models are trained on, in model output order.
    public static let classes = digits + [plus, minus, times, divide, equals, decimalPoint, openParenthesis, closeParenthesis]

    /// The 101 symbol classes of CROHME 2013–2016, named as its InkML files name them: the
    /// arithmetic `classes` first, then letters, Greek, relations, brackets, big operators and
    /// function names (one class each, as CROHME writes `\sin` as one symbol), and the rest.
    public static let crohmeClasses: [String] = {
        var all = classes
        all += "abcdefghijklmnopqrstuvwxyz".map(String.init)
        all += "ABCEFGHILMNPRSTVXY".map(String.init)
        all += ["\\alpha", "\\beta", "\\gamma", "\\theta", "\\lambda", "\\mu", "\\pi", "\\sigma", "\\phi", "\\Delta"]
        all += ["\\neq", "\\lt", "\\gt", "\\leq", "\\geq", "\\pm", "/", "[", "]", "\\{", "\\}", "|"]
        all += ["\\sqrt", "\\sum", "\\int", "\\lim", "\\log", "\\sin", "\\cos", "\\tan"]
        all += ["\\infty", "\\rightarrow", "\\ldots", "\\prime", "!", ",", "\\in", "\\forall", "\\exists"]
        return all
    }()

    /// Named sets of classes a model can be trained on.
    public static let vocabularies: [String: [String]] = ["arithmetic": classes, "crohme": crohmeClasses]

    /// How a symbol is shown to people: ×, ÷ and · rather than LaTeX commands.
    public static func display(_ latex: String) -> String {
        switch latex {
        case times: return "×"
        case divide: return "÷"
        case multiplicationDot: return "·"
        default: return latex
        }
    }
}
