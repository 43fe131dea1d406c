"""Recovery: strategies propose Plans for ErrorEvents, the planner ranks them, the executor
applies them through the journal (so that every change can be rolled back).

Planning only reads: the workspace's files, the config, the shipped name maps. It never
touches the network, runs a subprocess or writes outside `$LSP_HEAL_HOME`, so it can answer
an editor in milliseconds. Everything that changes the machine happens in the executor,
after consent.
"""
