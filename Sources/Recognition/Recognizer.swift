// Chains the stages: the one entry point for library users. Filled in by issue 6.
