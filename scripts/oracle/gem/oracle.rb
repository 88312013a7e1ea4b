#!/usr/bin/ruby
# gem oracle: RubyGems' Gem::Requirement / Gem::Version (Debian's ruby; `gem -v` gives the RubyGems version).
# range   mode: "range\tversion" -> "range\tversion\tdecision"
#   decision = Gem::Requirement.new(*r.split(",").map(&:strip)).satisfied_by?(Gem::Version.new(v))
#   bad-range on Gem::Requirement::BadRequirementError (checked first);
#   bad-version when !Gem::Version.correct?(v).
#   Note: "".split(",") is [], so an empty range is Gem::Requirement.new() == ">= 0".
# compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version"  (Gem::Version.new(a) <=> Gem::Version.new(b))
# valid   mode: "v"    -> "v\tvalid|bad-version"      (Gem::Version.correct?(v))
require "rubygems"

mode = ARGV[0] || "range"
if mode == "version"
  puts Gem::VERSION
  exit 0
end

def correct?(v)
  Gem::Version.correct?(v) ? true : false
end

$stdin.set_encoding("UTF-8")
$stdin.each_line do |raw|
  line = raw.chomp("\n").chomp("\r")
  f = line.split("\t", -1)
  a = f[0] || ""
  b = f[1] || ""
  case mode
  when "range"
    begin
      req = Gem::Requirement.new(*a.split(",").map(&:strip))
    rescue Gem::Requirement::BadRequirementError
      puts [a, b, "bad-range"].join("\t")
      next
    end
    unless correct?(b)
      puts [a, b, "bad-version"].join("\t")
      next
    end
    puts [a, b, req.satisfied_by?(Gem::Version.new(b)) ? "match" : "nomatch"].join("\t")
  when "compare"
    if !correct?(a) || !correct?(b)
      puts [a, b, "bad-version"].join("\t")
      next
    end
    puts [a, b, (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s].join("\t")
  when "valid"
    puts [a, correct?(a) ? "valid" : "bad-version"].join("\t")
  else
    warn "unknown mode #{mode}"
    exit 2
  end
end
