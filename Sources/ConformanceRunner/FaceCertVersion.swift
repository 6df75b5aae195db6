/// The version of facecert: the one constant the CLI (`facecert --version`), the runner's reports and
/// FaceCertTesting all record, so a report says exactly which tool made it.
public enum FaceCertVersion {
    /// The semantic version of this facecert build, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
