/// The identity of one synthetic subject: every parameter that stays fixed across that subject's images.
///
/// Lengths are in *face units*: pixels at the nominal scale of a 160 × 192 image, measured from the midpoint
/// between the eye centres, x to the image's right, y down.
public struct SyntheticSubject: Sendable {
    /// Rendered sex presentation (drives jaw, brows, hair style and facial hair probabilities).
    public enum Sex: String, Sendable, Hashable, CaseIterable {
        case female, male
    }

    /// Hair styles the renderer knows.
    public enum HairStyle: String, Sendable, Hashable, CaseIterable {
        case short, long, fringe, receding
    }

    /// Zero-based subject number; the subject id is `s` and three digits of `number + 1`.
    public let number: Int
    /// The subject id used for folder names, e.g. `s001`.
    public var id: String {
        let n = number + 1
        return "s" + (n < 10 ? "00" : n < 100 ? "0" : "") + "\(n)"
    }
    public let sex: Sex
    /// One of `18-29`, `30-44`, `45-59`, `60+`.
    public let ageBand: String
    /// Skin tone 1 (lightest) … 6 (darkest): a rendering parameter in the spirit of the Fitzpatrick scale, not a
    /// claim about any real population.
    public let skinTone: Int
    public let hairStyle: HairStyle

    // Geometry (face units).
    let eyeHalfSpacing: Double
    let headHalfWidth: Double
    let headTop: Double
    let chin: Double
    let jawTaper: Double
    let eyeHalfWidth: Double
    let eyeHalfHeight: Double
    let eyeTilt: Double
    let irisRadius: Double
    let browHeight: Double
    let browThickness: Double
    let browArch: Double
    let browHalfLength: Double
    let browTilt: Double
    let noseLength: Double
    let noseHalfWidth: Double
    let mouthY: Double
    let mouthHalfWidth: Double
    let upperLip: Double
    let lowerLip: Double
    let hairline: Double
    let hairVolume: Double
    let hairPart: Double
    let earSize: Double
    let moles: [(x: Double, y: Double, r: Double, darkness: Double)]
    let stubble: Double
    let wrinkles: Double
    /// Seed of the subject's own skin texture (pores, freckles, blotches), fixed in face coordinates.
    let textureSeed: UInt64
    /// Strength of that texture (fraction of the skin colour).
    let textureStrength: Double
    /// Grain size of the fine texture across and down, in face units (skin types differ: fine, coarse, streaky).
    let textureCellX: Double, textureCellY: Double
    /// Glasses: rim half-width, half-height and thickness in face units, or `nil` without glasses.
    let glasses: (halfWidth: Double, halfHeight: Double, rim: Double)?
    /// Hair strand frequency (strands per face unit) and slant.
    let strandFrequency: Double, strandSlant: Double

    // Colours (0…1 linear-ish sRGB values).
    let skin: RGB
    let lips: RGB
    let hair: RGB
    let iris: RGB

    /// Draws subject `number` of the suite seeded with `seed`.
    init(seed: UInt64, number: Int) {
        var r = SeededRandom(seed: seed, stream: 1, UInt64(number))
        self.number = number
        sex = r.chance(0.5) ? .female : .male
        let male = sex == .male
        let ageIndex = r.index(4)
        ageBand = ["18-29", "30-44", "45-59", "60+"][ageIndex]
        skinTone = 1 + r.index(6)
        let styleRoll = r.unit()
        if male {
            hairStyle = ageIndex >= 2 && styleRoll < 0.45 ? .receding : styleRoll < 0.8 ? .short : .fringe
        } else {
            hairStyle = styleRoll < 0.55 ? .long : styleRoll < 0.8 ? .fringe : .short
        }
        eyeHalfSpacing = 23 + r.normal() * 1.6
        headHalfWidth = (male ? 51 : 48) + r.normal() * 4
        headTop = -(80 + r.normal() * 3)
        chin = 82 + r.normal() * 5
        jawTaper = (male ? 0.28 : 0.38) + r.normal() * 0.09
        eyeHalfWidth = 9.5 + r.normal() * 1.2
        eyeHalfHeight = 4.4 + r.normal() * 0.8
        eyeTilt = r.normal() * 0.1
        irisRadius = 4.3 + r.normal() * 0.25
        browHeight = 13 + r.normal() * 2.6
        browThickness = (male ? 3.6 : 2.6) + r.normal() * 0.8
        browArch = 2.5 + r.normal() * 1.5
        browHalfLength = 11.5 + r.normal() * 1.6
        browTilt = r.normal() * 2
        noseLength = 33 + r.normal() * 4
        noseHalfWidth = (male ? 10.5 : 9.2) + r.normal() * 1.5
        mouthY = noseLength + 19 + r.normal() * 3
        mouthHalfWidth = 17 + r.normal() * 2.5
        upperLip = (male ? 2.6 : 3.3) + r.normal() * 0.6
        lowerLip = (male ? 3.6 : 4.4) + r.normal() * 0.8
        switch hairStyle {
        case .fringe: hairline = -30 + r.normal() * 2
        case .receding: hairline = -62 + r.normal() * 3
        default: hairline = -46 + r.normal() * 3
        }
        hairVolume = (hairStyle == .long ? 9 : 5) + r.normal() * 1.5
        hairPart = r.uniform(-0.6, 0.6)
        earSize = 1 + r.normal() * 0.08
        var moles = [(x: Double, y: Double, r: Double, darkness: Double)]()
        for _ in 0..<r.index(4) {
            moles.append((r.uniform(-38, 38), r.uniform(-30, 70), r.uniform(0.9, 1.8), 0.85))
        }
        // Freckles: faint small spots, many for some subjects.
        for _ in 0..<(r.chance(0.4) ? 4 + r.index(16) : r.index(4)) {
            moles.append((r.uniform(-32, 32), r.uniform(-8, 40), r.uniform(0.6, 1.1), r.uniform(0.2, 0.4)))
        }
        self.moles = moles
        stubble = male && r.chance(0.35) ? r.uniform(0.3, 1) : 0
        wrinkles = Double(ageIndex) / 3 * r.uniform(0.5, 1)
        textureSeed = r.next()
        textureStrength = r.uniform(0.03, 0.10)
        let cell = r.uniform(1.4, 3.6), aspect = r.uniform(0.6, 1.6)
        textureCellX = cell * aspect
        textureCellY = cell / aspect
        glasses = r.chance(0.25) ? (r.uniform(12, 15), r.uniform(7.5, 10.5), r.uniform(0.9, 1.8)) : nil
        strandFrequency = r.uniform(0.3, 0.9)
        strandSlant = r.uniform(0.05, 0.45)

        // Skin tones: a ramp from light to dark with a per-subject hue jitter.
        let ramp: [RGB] = [
            RGB(0.96, 0.82, 0.72), RGB(0.90, 0.73, 0.60), RGB(0.80, 0.62, 0.48), RGB(0.66, 0.48, 0.34),
            RGB(0.50, 0.35, 0.24), RGB(0.36, 0.25, 0.17),
        ]
        let base = ramp[skinTone - 1]
        let jitter = r.normal() * 0.02
        skin = RGB(base.r + jitter, base.g + jitter * 0.5 + r.normal() * 0.012, base.b + r.normal() * 0.012)
        let lipTint = RGB(0.72, 0.34, 0.34)
        lips = skin.mixed(with: lipTint, by: 0.35 + r.unit() * 0.2).scaled(0.92)
        let hairPalette: [RGB] = [
            RGB(0.06, 0.05, 0.05), RGB(0.16, 0.11, 0.08), RGB(0.32, 0.21, 0.12), RGB(0.55, 0.40, 0.22),
            RGB(0.78, 0.64, 0.40), RGB(0.52, 0.22, 0.10),
        ]
        var hairColour = hairPalette[skinTone >= 4 ? r.index(2) : r.index(hairPalette.count)]
        if ageIndex == 3 { hairColour = hairColour.mixed(with: RGB(0.72, 0.72, 0.72), by: r.uniform(0.4, 0.9)) }
        hair = hairColour
        let irisPalette: [RGB] = [
            RGB(0.25, 0.15, 0.08), RGB(0.38, 0.24, 0.12), RGB(0.30, 0.45, 0.62), RGB(0.35, 0.48, 0.32),
            RGB(0.45, 0.48, 0.50),
        ]
        iris = irisPalette[skinTone >= 4 ? r.index(2) : r.index(irisPalette.count)]
    }
}

/// A colour with components in 0…1.
struct RGB: Sendable {
    var r: Double, g: Double, b: Double
    init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }
    @inline(__always) func mixed(with other: RGB, by t: Double) -> RGB {
        RGB(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t)
    }
    @inline(__always) func scaled(_ k: Double) -> RGB { RGB(r * k, g * k, b * k) }
    @inline(__always) func times(_ other: RGB) -> RGB { RGB(r * other.r, g * other.g, b * other.b) }
}
