package org.talentpool.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The skills of a generated pool, with a realistic long tail: a few skills many specialists offer (GIS, Python,
 * user research…) and a long list that few do. Skill of rank r is drawn with weight 1 / (r + 10)^1.1 (Zipf–
 * Mandelbrot), which over the 1,700-odd skills here gives about 13 % of specialists the commonest skill, 7 % the
 * tenth, and half of the skills to fewer than 0.12 % of specialists.
 *
 * <p>Search benchmarks pick their queries with {@link #query}: people look for what is offered, so a query's
 * skills are drawn with the same weights.
 */
final class SkillCatalogue {
    static final double EXPONENT = 1.1;
    static final double OFFSET = 10;

    /** Common skills, commonest first. */
    private static final List<String> HEAD = List.of(
            "GIS", "Python", "User research", "Service design", "Data analysis", "SQL", "Project management",
            "Planning policy", "Power BI", "Excel", "Content design", "Agile delivery", "Procurement",
            "Accessibility", "Business analysis", "Cyber security", "Stakeholder engagement", "Change management",
            "Interaction design", "Data visualisation", "R", "Statistics", "Development management", "Contract management",
            "Product management", "Digital strategy", "Information governance", "Data protection", "FOI",
            "Budget management", "Financial modelling", "Grant funding", "Bid writing", "Community engagement",
            "Consultation", "Copywriting", "Social media", "Web development", "JavaScript", "Java", "C#",
            "Cloud infrastructure", "Azure", "AWS", "DevOps", "Network engineering", "Microsoft 365", "SharePoint",
            "Salesforce", "Dynamics 365", "Low code", "Automation", "Machine learning", "Open data",
            "Performance management", "Risk management", "Internal audit", "Climate action", "Net zero",
            "Energy efficiency", "Biodiversity net gain", "Ecology", "Urban design", "Conservation",
            "Transport modelling", "Traffic engineering", "Active travel", "Flood risk", "Drainage", "Structural engineering",
            "Asset management", "Facilities management", "Health and safety", "Emergency planning", "Safeguarding",
            "Employment law", "Licensing law", "Environmental law", "HR policy", "Learning and development",
            "Coaching", "Facilitation", "Mediation", "Translation", "Welsh language", "Easy Read");

    private static final List<String> AREAS = List.of(
            "Highways", "Housing", "Social care", "Children's services", "Adult care", "Waste", "Parking", "Licensing",
            "Education", "Public health", "Council tax", "Benefits", "Libraries", "Heritage", "Transport",
            "Environmental health", "Trading standards", "Regeneration", "Building control", "Elections", "Leisure",
            "Parks", "Cemeteries", "Coroners", "Registrars", "Pensions", "Payroll", "Revenues", "Homelessness",
            "Tourism", "Economic development", "Skills", "Youth services", "SEND", "Fostering", "Adoption",
            "Street lighting", "Bridges", "Coastal protection", "Minerals");

    private static final List<String> CRAFTS = List.of(
            "data modelling", "policy", "analysis", "casework", "law", "finance", "contracts", "engineering",
            "mapping", "forecasting", "consultation", "audit", "compliance", "commissioning", "inspection",
            "service design", "user research", "reporting", "systems", "procurement", "strategy", "enforcement",
            "partnerships", "communications", "training", "quality assurance", "migration", "integration",
            "dashboards", "surveys", "appeals", "income", "operations", "records", "digital", "automation",
            "performance", "workforce planning", "risk", "transformation");

    private final List<String> displayNames;
    private final double[] cumulative;

    private SkillCatalogue(List<String> displayNames) {
        this.displayNames = List.copyOf(displayNames);
        this.cumulative = new double[displayNames.size()];
        double total = 0;
        for (int rank = 1; rank <= displayNames.size(); rank++) {
            total += 1 / Math.pow(rank + OFFSET, EXPONENT);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    /** The common skills first, then every area × craft pair in a fixed shuffled order: 1,685 skills. */
    static SkillCatalogue standard() {
        List<String> tail = new ArrayList<>();
        for (String area : AREAS) {
            for (String craft : CRAFTS) {
                tail.add(area + " " + craft);
            }
        }
        Collections.shuffle(tail, new Random(20_261_109L));
        Set<String> names = new LinkedHashSet<>(HEAD);
        names.addAll(tail);
        return new SkillCatalogue(new ArrayList<>(names));
    }

    int size() {
        return displayNames.size();
    }

    /** Display names by rank, commonest first. */
    List<String> displayNames() {
        return displayNames;
    }

    /** One skill's rank (0-based), drawn by the long-tail weights. */
    int draw(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(index < 0 ? -index - 1 : index, cumulative.length - 1);
    }

    /** {@code count} different skills' ranks, drawn by the long-tail weights. */
    int[] drawDistinct(int count, SplittableRandom random) {
        Set<Integer> ranks = new LinkedHashSet<>();
        while (ranks.size() < count) {
            ranks.add(draw(random));
        }
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A search for {@code count} different skills, as people would type them: drawn by the same weights. */
    List<String> query(int count, SplittableRandom random) {
        return Arrays.stream(drawDistinct(count, random)).mapToObj(displayNames::get).toList();
    }
}
