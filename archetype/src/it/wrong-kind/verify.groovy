String log = new File(basedir, 'build.log').text
assert log.contains("The property kind must be notifier, channel or parser, not 'bogus'")
assert !new File(basedir, 'generated-bogus').exists() : 'a failed generation leaves no project behind'
return true
