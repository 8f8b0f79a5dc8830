// Runs once the files are generated: checks the properties and keeps the files of the chosen kind only.
// A wrong value fails generation and leaves no half-made project behind.
import java.nio.file.Files
import java.nio.file.Path

Map<String, List<String>> kinds = [
    notifier: ['Notifier.java', 'NotifierConfig.java', 'NotifierTest.java', 'notifier.cfg', 'notifier-routing.cfg'],
    channel : ['Channel.java', 'ChannelConfig.java', 'Message.java', 'ChannelTest.java', 'channel.cfg'],
    parser  : ['Parser.java', 'ParserConfig.java', 'ParserTest.java', 'parser.cfg'],
]

Properties p = request.properties
Path project = Path.of(request.outputDirectory, request.artifactId)

def fail = { String message ->
    if (Files.isDirectory(project)) {
        project.toFile().deleteDir()
    }
    throw new IllegalArgumentException(message)
}

String kind = p.getProperty('kind')?.trim()
if (!kinds.containsKey(kind)) {
    fail("The property kind must be notifier, channel or parser, not '" + kind + "'")
}
String id = '[a-z][a-z0-9]*(-[a-z0-9]+)*'
if (!(p.getProperty('moduleId') ==~ id)) {
    fail("The property moduleId must be lower-case letters, digits and single hyphens (e.g. notifier-acme), not '"
            + p.getProperty('moduleId') + "'")
}
if (kind == 'notifier' && !(p.getProperty('partner') ==~ id)) {
    fail("The property partner must be lower-case letters, digits and single hyphens (e.g. acme), not '"
            + p.getProperty('partner') + "'")
}
if (kind == 'parser' && !(p.getProperty('platform') ==~ '[A-Z][A-Z0-9]*([_-][A-Z0-9]+)*')) {
    fail("The property platform must be upper-case letters, digits, _ and - (e.g. ACME), not '"
            + p.getProperty('platform') + "'")
}

Set<String> others = kinds.findAll { k, v -> k != kind }.values().flatten() as Set
List<Path> files = []
Files.walk(project).withCloseable { s -> s.filter { Files.isRegularFile(it) }.forEach { files << it } }
files.findAll { others.contains(it.fileName.toString()) }.each { Files.delete(it) }

// the shipped configuration is named after its PID
Path etc = project.resolve('src/main/resources/etc')
Files.move(etc.resolve(kind + '.cfg'), etc.resolve(p.getProperty('package') + '.cfg'))
if (kind == 'notifier') {
    // the dispatcher's routing of the partner
    Files.move(etc.resolve('notifier-routing.cfg'), etc.resolve('org.laporpredator.notifier.' + p.getProperty('partner') + '.cfg'))
}
