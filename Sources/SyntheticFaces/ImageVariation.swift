/// What changes from one image of a subject to the next: pose, expression, lighting, background, clothing, noise.
struct ImageVariation: Sendable {
    /// In-plane rotation in radians (positive turns the face clockwise on screen).
    var roll: Double
    /// Horizontal turn as a fraction of the head half-width that the nose tip moves (positive: face turns to the
    /// image's right).
    var yaw: Double
    /// Vertical tilt: fraction of a face unit per unit of depth that features move down.
    var pitch: Double
    /// Scale relative to nominal.
    var scale: Double
    /// Image position of the mid-eye point.
    var centreX: Double, centreY: Double
    /// 0 = neutral, 1 = broad smile.
    var smile: Double
    /// Mouth opening in face units.
    var mouthOpen: Double
    /// Brow raise in face units.
    var browRaise: Double
    /// Eye openness factor (1 = normal).
    var eyeOpen: Double
    /// Light direction in the image plane (x right, y down) and strength.
    var lightX: Double, lightY: Double
    var brightness: Double
    var ambient: Double
    /// White-balance gains.
    var warmth: Double
    var background: RGB
    var backgroundGradient: Double
    var shirt: RGB
    /// Sensor noise standard deviation in 8-bit levels (one value per 2 × 2 pixel block, as after demosaicing).
    var noise: Double
    /// Seed of the per-pixel noise and hair texture.
    var pixelSeed: UInt64

    /// Draws image `index` of subject `subject`.
    init(seed: UInt64, subject: Int, index: Int) {
        var r = SeededRandom(seed: seed, stream: 2, UInt64(subject), UInt64(index))
        roll = max(-0.1, min(0.1, r.normal() * 0.04))
        yaw = max(-0.16, min(0.16, r.normal() * 0.025))
        pitch = max(-0.12, min(0.12, r.normal() * 0.03))
        scale = 1 + max(-0.08, min(0.08, r.normal() * 0.03))
        centreX = 80 + r.normal() * 2.5
        centreY = 86 + r.normal() * 2.5
        smile = r.chance(0.45) ? r.uniform(0.3, 1) : r.uniform(0, 0.15)
        mouthOpen = r.chance(0.25) ? r.uniform(1.5, 5) : 0
        browRaise = r.chance(0.3) ? r.uniform(1, 3.5) : r.normal() * 0.5
        eyeOpen = max(0.55, min(1.15, 0.95 + r.normal() * 0.08 - smile * 0.12))
        lightX = r.normal() * 0.2
        lightY = -0.3 + r.normal() * 0.1
        brightness = 1 + r.normal() * 0.07
        ambient = 0.5 + r.normal() * 0.03
        warmth = r.normal() * 0.03
        let backgrounds: [RGB] = [
            RGB(0.72, 0.74, 0.76), RGB(0.55, 0.62, 0.70), RGB(0.80, 0.78, 0.72), RGB(0.45, 0.50, 0.48),
            RGB(0.86, 0.86, 0.86), RGB(0.60, 0.66, 0.60),
        ]
        background = backgrounds[r.index(backgrounds.count)]
        backgroundGradient = r.uniform(-0.06, 0.06)
        shirt = RGB(r.uniform(0.1, 0.85), r.uniform(0.1, 0.85), r.uniform(0.1, 0.85))
        noise = r.uniform(0.3, 0.8)
        pixelSeed = r.next()
    }
}
