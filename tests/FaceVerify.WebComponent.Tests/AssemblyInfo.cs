// Browser tests are CPU-heavy on a small machine: one at a time.
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[assembly: NonParallelizable]
