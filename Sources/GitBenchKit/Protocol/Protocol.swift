// Protocol/ owns benchstone's runner protocol, byte for byte: the `config.json` git-bench writes for each repetition
// (`InvocationConfig`), the `result.json` the runner writes back (`ProjectResult`, decoded strictly: a finite number
// metric, a message for errors). It is pure: values and `Data` in, values out; it uses
// only Values/.
