<?php
// composer oracle: composer/semver (Debian: php-composer-semver, /usr/share/php/Composer/Semver).
// range   mode: "range\tversion" -> "range\tversion\tdecision"
//   decision = Composer\Semver\Semver::satisfies($v, $r)
//   bad-range when (new VersionParser)->parseConstraints($r) throws (checked first);
//   bad-version when (new VersionParser)->normalize($v) throws.
// compare mode: "a\tb" -> "a\tb\t-1|0|1|incomparable|bad-version"
//   both normalized with VersionParser::normalize (bad-version if either throws), then
//   Comparator::lessThan / Comparator::equalTo on the normalized strings (as Composer's
//   Constraint does: version_compare, with dev-* branch handling).
// valid   mode: "v" -> "v\tvalid|bad-version" (normalize($v) does not throw)
$autoload = getenv('ORACLE_COMPOSER_AUTOLOAD') ?: '/usr/share/php/Composer/Semver/autoload.php';
require $autoload;

use Composer\Semver\Comparator;
use Composer\Semver\Semver;
use Composer\Semver\VersionParser;

$mode = $argv[1] ?? 'range';
if ($mode === 'version') {
    // Debian's package does not ship composer's installed.json; report the package version.
    $v = trim((string) shell_exec("dpkg-query -W -f='\${Version}' php-composer-semver 2>/dev/null"));
    echo "php-composer-semver " . $v . "\n";
    exit(0);
}
$parser = new VersionParser();
$in = stream_get_contents(STDIN);
$lines = explode("\n", $in);
if (count($lines) && end($lines) === '') array_pop($lines);
foreach ($lines as $raw) {
    $line = rtrim($raw, "\r") === $raw ? $raw : substr($raw, 0, -1);
    $f = explode("\t", $line);
    $a = $f[0];
    $b = $f[1] ?? '';
    if ($mode === 'range') {
        try { $parser->parseConstraints($a); } catch (\Throwable $e) { echo "$a\t$b\tbad-range\n"; continue; }
        try { $parser->normalize($b); } catch (\Throwable $e) { echo "$a\t$b\tbad-version\n"; continue; }
        try { $d = Semver::satisfies($b, $a) ? 'match' : 'nomatch'; }
        catch (\Throwable $e) { $d = 'error:' . get_class($e); }
        echo "$a\t$b\t$d\n";
    } elseif ($mode === 'compare') {
        try { $na = $parser->normalize($a); $nb = $parser->normalize($b); }
        catch (\Throwable $e) { echo "$a\t$b\tbad-version\n"; continue; }
        $lt = Comparator::lessThan($na, $nb);
        $eq = Comparator::equalTo($na, $nb);
        $gt = Comparator::greaterThan($na, $nb);
        // dev-* branches compare with nothing but themselves: all three can be false
        $d = ($lt + $eq + $gt) === 1 ? ($lt ? -1 : ($eq ? 0 : 1)) : 'incomparable';
        echo "$a\t$b\t$d\n";
    } elseif ($mode === 'valid') {
        try { $parser->normalize($a); $d = 'valid'; } catch (\Throwable $e) { $d = 'bad-version'; }
        echo "$a\t$d\n";
    } else {
        fwrite(STDERR, "unknown mode $mode\n");
        exit(2);
    }
}
