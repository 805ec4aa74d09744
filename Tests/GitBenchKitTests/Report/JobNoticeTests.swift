import Testing
@testable import GitBenchKit

/// What `run --background` and `cancel` print about a job.
@Suite struct JobNoticeTests {
    @Test func aStartedJobSaysWhereItsLogIsAndHowToFollowOrStopIt() {
        let job = ReportFixture.job(id: 14, status: .running, pid: 5279, logPath: "/srv/bench/logs/jobs/14.log")
        #expect(JobNotice.started(job) == """
            job 14 started in the background: Sample: slow, quality (pid 5279)
              log: /srv/bench/logs/jobs/14.log
              follow: git bench logs 14 -f   stop: git bench cancel 14

            """)
        #expect(JobNotice.started(ReportFixture.job(id: 3, status: .pending, pid: nil, logPath: nil)) == """
            job 3 started in the background: Sample: slow, quality (pid -)
              log: -
              follow: git bench logs 3 -f   stop: git bench cancel 3

            """)
    }

    @Test func aCancelledJobKeepsItsFinishedRepetitions() {
        #expect(JobNotice.cancelled(ReportFixture.job(id: 15, status: .cancelled, pid: 42, logPath: nil))
                == "job 15 cancelled: Sample: slow, quality; finished repetitions are kept\n")
    }
}
