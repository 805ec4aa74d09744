extension Harness {
    /// `git bench calibrate`: see `RunPipeline.calibrate`.
    public func calibrate(_ request: CalibrateRequest, in project: ProjectContext) throws -> CalibrationReport {
        try pipeline.calibrate(request, in: project)
    }
}
