// maven oracle: org.apache.maven.artifact.versioning from maven-artifact (Debian: /usr/share/maven/lib/maven-artifact-3.x.jar).
// range   mode: "range\tversion" -> "range\tversion\tdecision\tsoft"
//     decision = VersionRange.createFromVersionSpec(r).containsVersion(new DefaultArtifactVersion(v))
//     bad-range on InvalidVersionSpecificationException (or null result / other exception, see README).
//     4th column: "soft" when the spec is a bare version (no brackets): Maven treats it as a soft
//     requirement (recommended version) and containsVersion answers true for everything; else "hard".
//     Maven has no version syntax errors: DefaultArtifactVersion / ComparableVersion accept any string,
//     so bad-version never appears.
// compare mode: "a\tb" -> "a\tb\t-1|0|1"  (new ComparableVersion(a).compareTo(new ComparableVersion(b)), sign)
// valid   mode: "v"    -> "v\tvalid"      (every string parses; column kept for the common format)
// Run: java -cp /usr/share/maven/lib/maven-artifact-3.x.jar Oracle.java MODE   (Java 11+ single-file launch)
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.*;

public class Oracle {
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "range";
        if (mode.equals("version")) {
            Package p = VersionRange.class.getPackage();
            System.out.println(p.getImplementationVersion());
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            String a = f[0], b = f.length > 1 ? f[1] : "";
            switch (mode) {
                case "range": {
                    VersionRange vr;
                    try {
                        vr = VersionRange.createFromVersionSpec(a);
                    } catch (InvalidVersionSpecificationException e) {
                        out.println(a + "\t" + b + "\tbad-range\t-");
                        continue;
                    } catch (RuntimeException e) {
                        out.println(a + "\t" + b + "\tbad-range\t-");
                        continue;
                    }
                    if (vr == null) { // createFromVersionSpec(null) only; kept for safety
                        out.println(a + "\t" + b + "\tbad-range\t-");
                        continue;
                    }
                    String soft = vr.getRecommendedVersion() != null ? "soft" : "hard";
                    String d;
                    try {
                        d = vr.containsVersion(new DefaultArtifactVersion(b)) ? "match" : "nomatch";
                    } catch (RuntimeException e) {
                        d = "bad-version";
                    }
                    out.println(a + "\t" + b + "\t" + d + "\t" + soft);
                    break;
                }
                case "compare": {
                    String d;
                    try {
                        int c = new ComparableVersion(a).compareTo(new ComparableVersion(b));
                        d = Integer.toString(Integer.signum(c));
                    } catch (RuntimeException e) {
                        d = "bad-version";
                    }
                    out.println(a + "\t" + b + "\t" + d);
                    break;
                }
                case "valid": {
                    String d;
                    try { new ComparableVersion(a); new DefaultArtifactVersion(a); d = "valid"; }
                    catch (RuntimeException e) { d = "bad-version"; }
                    out.println(a + "\t" + d);
                    break;
                }
                default:
                    System.err.println("unknown mode " + mode);
                    System.exit(2);
            }
        }
        out.flush();
    }
}
