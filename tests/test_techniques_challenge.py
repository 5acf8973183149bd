"""A challenge set for HL301 beyond the dev corpus: made-up names with any head noun, and hard clean text.

The made-up names below are our own inventions, in sentences written the way spun massage blogs
write; their head nouns ("bloom", "ladder", "cradle" ...) are deliberately varied, and many are
introduced by a frame (an appositive, "where the therapist ...", "was developed by a masseur")
rather than by a known head noun. The clean sentences name real rare modalities (each in the
lexicon), spa menu items, product and clinic brands, people and places next to massage words, and
ordinary descriptive phrases in the same frames. None of these sentences comes from the dev corpus.
"""
import pytest

from conftest import findings_of

MASSAGE = "A massage therapist uses slow strokes and firm pressure on tight muscles. "


def flagged(linter, text):
    return [text[f.start:f.end] for f in findings_of(linter, text) if f.rule == "HL301"]


MADE_UP = [
    # (sentence, the made-up name a finding must cover)
    ("We finish every session with the Zentrova spinal bloom, a rhythmic pressing pattern from the neck "
     "to the tailbone.", "Zentrova spinal bloom"),
    ("Our therapists open with the Maravel shoulder cascade to warm the trapezius.", "Maravel shoulder cascade"),
    ("The Quorra heel sweep drains tension from the calves in minutes.", "Quorra heel sweep"),
    ("Ask for the Drevanti lift, where the therapist cradles the head and slowly draws it away from the "
     "shoulders.", "Drevanti lift"),
    ("The Ilvaro hold uses sustained thumb pressure on the hip for ninety seconds.", "Ilvaro hold"),
    ("Clients love our signature Solvane ritual for tired legs.", "Solvane ritual"),
    ("The Brixel protocol was developed by a Danish masseur in the 1970s.", "Brixel protocol"),
    ("With our Venkari flow, tight hamstrings let go in a single session.", "Venkari flow"),
    ("The Tolmaris wave is a slow rolling motion of the forearm across the lower back.", "Tolmaris wave"),
    ("Therapists trained in Korvane sculpting smooth out knots along the spine.", "Korvane sculpting"),
    ("Ostravel alignment puts the pelvis back in place after two sessions.", "Ostravel alignment"),
    ("Osmira drainage clears fluid from swollen ankles in one massage.", "Osmira drainage"),
    ("Book the Fenwarra decompression sequence if your lower back feels compressed.",
     "Fenwarra decompression sequence"),
    ("Try the Kestrova rib glide when tight muscles make breathing shallow.", "Kestrova rib glide"),
    ("Each treatment ends with the Lunevra crown embrace, a feather-light stroking sequence across the scalp.",
     "Lunevra crown embrace"),
    ("The Orlenko knot ladder, a series of thumb presses climbing the spine, eases sciatica.",
     "Orlenko knot ladder"),
    ("Next comes the Tessivar pendulum, where the therapist swings the relaxed leg from side to side.",
     "Tessivar pendulum"),
    ("The Amberlune cocoon involves slow forearm strokes along the back under warm towels.", "Amberlune cocoon"),
    ("The Caldris forearm sweep, a long gliding pass from wrist to shoulder, finishes the arm.",
     "Caldris forearm sweep"),
    ("Runners swear by Trelloway muscle activation before a race.", "Trelloway muscle activation"),
    ("The Myrovex balancing sequence restores the pelvis after pregnancy.", "Myrovex balancing sequence"),
    ("Our therapists are trained in the Ulvessa system of deep strokes.", "Ulvessa system"),
    ("The Oskarine lymph pulse uses light rhythmic pumping over the collarbone.", "Oskarine lymph pulse"),
    ("Then comes the Halmora tide, a wave-like kneading routine for the lower back.", "Halmora tide"),
    ("Finish with a Tarvish temple spiral to melt a tension headache.", "Tarvish temple spiral"),
    ("Our therapists swear by the Kinetra bridge, a two-handed lifting technique under the ribs.",
     "Kinetra bridge"),
    ("The Dorvalian reset frees a stiff neck in one session.", "Dorvalian reset"),
    ("Ask about the Brennik knee unlock if stairs hurt.", "Brennik knee unlock"),
    ("Many clients ask for the Solvedge neck ribbon, a slow stretching sequence along both sides of the neck.",
     "Solvedge neck ribbon"),
    ("The Wyndra hip cradle involves slow rocking of the pelvis with both palms.", "Wyndra hip cradle"),
    ("Lumivane facial sculpting lifts the cheeks without surgery.", "Lumivane facial sculpting"),
    ("In the Pelloran approach the therapist's thumbs trace the sciatic nerve.", "Pelloran approach"),
    ("We finish with grellow rolling, a firm rolling stroke along the shin.", "grellow rolling"),
    ("The Vantrelle shoulder tide was developed by a Swiss physiotherapist after years of research.",
     "Vantrelle shoulder tide"),
    ("The Serrowind lattice, where the practitioner weaves both thumbs across the fascia, breaks up "
     "adhesions.", "Serrowind lattice"),
    ("Treat yourself to our signature Velisca sunrise, a ninety-minute sequence of hot towels and "
     "long strokes.", "Velisca sunrise"),
    ("The Morvaine pivot combines gentle traction with deep kneading of the hip.", "Morvaine pivot"),
    ("Spa guests adore the Nirelle petal drift, a feather-light fingertip routine over the face.",
     "Nirelle petal drift"),
    ("Sports therapists now use Draskel tendon activation to wake up sleepy glutes.",
     "Draskel tendon activation"),
    ("The Quintara fascia weave was invented by a Hungarian masseur in 1962.", "Quintara fascia weave"),
    ("With the Corvatti lumbar hinge, the therapist leans into the lower back with both forearms.",
     "Corvatti lumbar hinge"),
    ("Clients finish with the Yorvena breath bloom, a slow pressing sequence over the ribs.",
     "Yorvena breath bloom"),
]


@pytest.mark.parametrize("sentence,name", MADE_UP, ids=[n for _, n in MADE_UP])
def test_made_up_names_with_any_head_are_flagged(linter, sentence, name):
    text = MASSAGE + sentence
    found = flagged(linter, text)
    assert len(found) == 1 and name in found[0], found


CLEAN = [
    # real rare modalities, in the frames that reveal made-up ones
    "Hellerwork, a series of eleven sessions of deep bodywork and movement education, grew out of Rolfing.",
    "The Rosen method uses gentle touch and words to help clients notice held muscles.",
    "Zero Balancing, a gentle method of touch on bones and joints, was developed by Fritz Smith.",
    "Jin Shin Jyutsu involves holding pairs of points on the body with the fingertips.",
    "Amma, a Korean-Japanese style of pressure massage, is often given on a massage chair.",
    "Chavutti thirumal, where the therapist massages with the feet while holding a rope, comes from Kerala.",
    "Kobido is a Japanese facial massage with fast rhythmic strokes.",
    "Abhyanga uses warm herbal oil and long strokes over the whole body.",
    "Kahuna bodywork, a flowing forearm massage from Hawaii, is related to lomilomi.",
    "Esalen massage uses long, slow strokes and was developed at the Esalen Institute.",
    "Bindegewebsmassage, a connective tissue massage, was developed by Elisabeth Dicke.",
    "Tui na combines pushing, rolling and kneading with stretches.",
    "Breema is done on a floor mat and involves leaning and rhythmic stretches.",
    "Aston patterning combines massage with movement education.",
    "Polarity therapy, a blend of touch, diet and exercise, was developed by Randolph Stone.",
    "Body-Mind Centering explores movement through the body's systems.",
    "Hanna somatics uses slow contract-and-release movements for back pain.",
    "Postural Integration is a form of deep bodywork with breath work.",
    "Soma neuromuscular integration, a ten-session series of deep strokes, resembles Rolfing.",
    "Visceral manipulation uses gentle pressure over the abdomen.",
    "The Mulligan concept combines a mobilisation with movement, and the McKenzie method uses repeated movements.",
    "Maitland mobilisation grades passive joint movements, and Nuad Bo Rarn is the old name of Thai massage.",
    "The Schroth method was developed by Katharina Schroth for scoliosis, with breathing and stretches.",
    "The Bobath concept guides therapists treating muscles after a stroke.",
    "Tellington TTouch, a series of circular touches, was developed for horses and dogs.",
    "Bartenieff Fundamentals, a set of movement exercises, pairs well with massage for dancers.",
    "A Vinyasa flow after the massage keeps the hamstrings supple, and Hatha or Kundalini classes are gentler.",
    "Some clinics add a short Tabata protocol or a Baduanjin routine to the massage plan.",
    "Thalassotherapy and balneotherapy use seawater and mineral baths alongside massage.",
    "Ideokinesis, a method of imagined movement, was developed by Mabel Todd's students.",
    # spa menus, products, brands and clinics
    "Our signature Himalayan salt stone massage uses warm salt blocks on tight muscles.",
    "The spa's menu lists an Elemis deep tissue massage and a Comfort Zone facial.",
    "Treat yourself to the Aromatherapy Associates Rose Ritual, a ninety-minute massage with rose oil.",
    "The Thalgo marine wrap and the Sothys back treatment follow the massage.",
    "Our signature ritual, a slow full-body massage with warm oil, ends with a scalp massage.",
    "With our Revive package you get a sports massage and a stretching session.",
    "With our therapists' help, tight muscles loosen week by week.",
    "The Pulseroll vibrating foam roller and the Hypervolt gun are handy between massage sessions.",
    "At Kinetix Physio the therapist combines massage with exercises.",
    "Bodyzone Clinic, a sports massage clinic in Leeds, offers evening sessions.",
    "Book a session at Lumina Day Spa, where the therapists use warm stones.",
    "Serenity Wellness, a small massage studio, opened its doors last year.",
    # people and places next to massage words
    "Anneliese, a licensed massage therapist, uses slow strokes on the neck.",
    "Our therapist Mariska uses her forearms for deep tissue work on the back.",
    "Ubud, a town in central Bali, is known for its Balinese massage.",
    "Ida Rolf, a biochemist, developed Rolfing structural integration.",
    "Dr. Kovalenko, an osteopath, uses muscle energy technique on the hips.",
    "Emmett technique was developed by Ross Emmett, an Australian bodywork teacher.",
    "Chiang Mai, where many therapists train, has dozens of Thai massage schools.",
    "Our founder Thandiwe trained in Swedish massage and reflexology in Johannesburg.",
    # ordinary descriptive English in the same frames
    "We finish with a gentle rocking of the pelvis, a soothing pattern that relaxes the back.",
    "The final hold, a slow pressing sequence over the shoulders, lasts a minute.",
    "Each session ends with the shoulder sweep, a long gliding stroke from neck to arm.",
    "The therapist uses a slow decompression sequence on the lower back.",
    "The lymph drainage sequence uses very light strokes towards the collarbone.",
    "Next comes a hip cradle, where the therapist lifts the pelvis with both palms.",
    "The warm-up routine involves light strokes and gentle kneading.",
    "A good sequence combines long strokes with slow kneading of the calves.",
    "Finish with a scalp spiral and a gentle temple press.",
    "Our therapists are trained in a system of slow, deep strokes.",
    "The morning flow, a series of gentle stretches, loosens the hips before a massage.",
    "This method was developed by a Swedish physiotherapist and uses firm kneading.",
    "The neck release, where the therapist gently tilts the head, follows the shoulder work.",
    "Many clients ask for the hot towel finish, a warm compress over the back.",
]


@pytest.mark.parametrize("sentence", CLEAN)
def test_clean_text_is_not_flagged(linter, sentence):
    assert flagged(linter, MASSAGE + sentence) == []


# -- rounds 2 to 4: sentences and articles written after each round of changes and measured once
# before further tuning (first-run numbers are in docs/techniques.md); kept as regression tests.
# The second item of each made-up pair is the coined word the finding must contain.

MADE_UP_2 = [
    ('My favourite part was the Corlanthe rib fan, which the therapist performs with open palms.',
     'Corlanthe'),
    ('Known as the Drevoka glide, this stroke runs from the hip to the ankle.',
     'Drevoka'),
    ('Practitioners of Ambrevo therapy claim it resets the nervous system.',
     'Ambrevo'),
    ('The secret is the Sulkaro thumb ladder: slow presses up each side of the spine.',
     'Sulkaro'),
    ('Ask your therapist about Virentza, a kneading method from the Alps.',
     'Virentza'),
    ('Heather swears by the Morquel lift for her sciatica.',
     'Morquel'),
    ('The Kavrosi technique, invented by a Greek healer, involves firm elbow pressure.',
     'Kavrosi'),
    ('A session of Tembrali bodywork leaves you lighter.',
     'Tembrali'),
    ('Then the therapist performs the Olvenia cross, pressing both thumbs diagonally across the sacrum.',
     'Olvenia'),
    ('The Zarvik scoop lifts the trapezius between thumb and fingers.',
     'Zarvik'),
    ('Finally, the Trevella knot crusher targets stubborn knots in the shoulders.',
     'Trevella'),
    ('The Brosnik roll is performed with the forearm along the spine.',
     'Brosnik'),
    ('Our therapists learned the Velmari shoulder drape in Bali.',
     'Velmari'),
    ('The Kelvessa sway is a soft rocking of the whole body.',
     'Kelvessa'),
    ('The Ferrovan belly circle, a slow clockwise massage of the abdomen, aids digestion.',
     'Ferrovan'),
    ('Clients who tried the Zelmora method say their back pain vanished.',
     'Zelmora'),
    ('The Astrevi touch sequence calms the nervous system.',
     'Astrevi'),
    ('Use the Tovarek grip to squeeze the calf muscles.',
     'Tovarek'),
    ("The Wennig pinwheel, in which the therapist's elbow circles the shoulder blade, breaks up knots.",
     'Wennig'),
    ('Therapists call this the Marzelle sandwich: one palm under the back and one on the chest.',
     'Marzelle'),
    ("The Dalvorin stomp, done barefoot on the client's back, is popular in Asia.",
     'Dalvorin'),
    ('The Kinzari Method combines acupressure with stretching.',
     'Kinzari'),
    ('Next, the therapist uses the Pellisande hook to free the shoulder blade.',
     'Pellisande'),
    ('We call it the Orvetta melt: long, slow forearm strokes down the back.',
     'Orvetta'),
    ('The Velquist shoulder opener, a set of slow arm circles with thumb pressure, ends the session.',
     'Velquist'),
    ('Our masseurs swear by the Brantoli scalp rain, a patter of fingertips over the head.',
     'Brantoli'),
    ("The Ossenra walk, where the therapist steps along the client's back, is not for beginners.",
     'Ossenra'),
    ('The Nuvexa jaw release involves gentle thumb pressure inside the cheek.',
     'Nuvexa'),
    ('A round of Drellic cupping follows the kneading.',
     'Drellic'),
    ('The Castivo knee float lifts the leg and shakes it loose.',
     'Castivo'),
    ('With the Maronde spine comb, the therapist drags the fingertips down both sides of the spine.',
     'Maronde'),
    ('The Kelthari fire palm, invented by a Tibetan monk, warms the lower back.',
     'Kelthari'),
    ('Our spa is the only one offering the Vireno hip melt.',
     'Vireno'),
    ('Try the Selvark neck unknotting to undo a stiff neck.',
     'Selvark'),
    ('The Faldrin arch lift, a slow lifting of the foot arch with both thumbs, helps flat feet.',
     'Faldrin'),
    ("The Omberly stride stretch uses the therapist's knee to open the hip.",
     'Omberly'),
    ('Athletes book the Zurvana quad flush after every race.',
     'Zurvana'),
    ('The Plessik heel rocker rocks the body gently from the feet.',
     'Plessik'),
    ('Every session includes the Gravenna breath reset, done with both palms on the ribs.',
     'Gravenna'),
    ('Our Klemora sciatic sweep targets the nerve with long strokes.',
     'Klemora'),
    ("The Ruvalco back bridge, where the therapist's forearms lift the spine, is pure bliss.",
     'Ruvalco'),
    ('Masseuses trained in Istravel point work find knots faster.',
     'Istravel'),
    ('The session closes with Quenora palming over the eyes.',
     'Quenora'),
    ("The Dovrenza pelvic clock, a slow circling of the hips with the therapist's hands, helps lower back pain.",
     'Dovrenza'),
]


@pytest.mark.parametrize("sentence,word", MADE_UP_2, ids=[w for _, w in MADE_UP_2])
def test_round_two_made_up_names_are_flagged(linter, sentence, word):
    assert any(word in name for name in flagged(linter, MASSAGE + sentence))


CLEAN_2 = [
    'Ashiatsu, a barefoot massage where the therapist holds overhead bars, suits deep work.',
    'Lomilomi, a Hawaiian massage with long forearm strokes, is given on a table.',
    'The Gonstead technique uses precise spinal adjustments.',
    'The Graston technique uses steel tools to scrape tight tissue.',
    'Ortho-Bionomy, a gentle method of positioning, was developed by Arthur Lincoln Pauls.',
    'Hilot, a Filipino healing massage, uses banana leaves and coconut oil.',
    'Chi Nei Tsang, an abdominal massage, comes from Taoist practice.',
    'Watsu, where the practitioner cradles the client in warm water, relaxes the whole body.',
    'Pilates reformer sessions pair well with massage.',
    'Foam rolling with a TriggerPoint GRID roller complements sports massage.',
    'The Normatec boots use air pressure to squeeze the legs after a massage.',
    'The Renpho massage gun uses percussion on the calves.',
    'Our therapist Ingrid, who trained in Stockholm, uses Swedish strokes.',
    'Ingrid uses her palms for long strokes.',
    'Siobhan, a sports massage therapist in Galway, treats runners.',
    'Kauai, where the therapist grew up, is known for lomilomi.',
    'Tsubo, the pressure points of shiatsu, lie along meridians.',
    'The Kansa wand, a bronze tool, is rolled over the feet.',
    'Tok sen, a Thai technique of tapping with a wooden mallet, loosens tight muscles.',
    'Shirodhara, where warm oil flows over the forehead, follows the massage.',
    'The Esalen Institute, a retreat in Big Sur, gave its name to a massage style.',
    'Our signature Balinese massage uses long strokes and acupressure.',
    'Our signature Lomi Lomi ritual uses the forearms.',
    'The Wellness Collective, a massage studio in Denver, uses warm stones.',
    'Kneipp hydrotherapy, a system of water treatments with cold and warm baths, follows the massage.',
    'Yin yoga, a slow style of long holds, complements deep tissue massage.',
    'Anatomy Trains, a map of myofascial lines, guides some therapists.',
    'Kegel exercises, a set of pelvic floor contractions, help after childbirth.',
    'The Epley manoeuvre, a series of head movements, treats vertigo.',
    'The Phalen test, where the therapist bends the wrists, checks for carpal tunnel syndrome.',
    'The Valsalva manoeuvre, a forced breath against a closed airway, raises blood pressure.',
    'Siddha Varmam, a Tamil system of pressure points, is related to marma therapy.',
    'Her therapist, Katarzyna, uses slow kneading on the neck.',
    'The Theraband stretch uses an elastic band for the hamstrings.',
    'Arvigo therapy, a Maya abdominal massage, is offered at some spas.',
    'Bowenwork, a series of gentle rolling moves, was developed by Tom Bowen.',
    'Ask for Marta, our senior therapist, who specialises in deep tissue and pregnancy massage.',
    'Tatiana, a former ballet dancer, now teaches Pilates and gives sports massage.',
    'Our Harrogate clinic, a short walk from the station, offers sports massage on Saturdays.',
    'The Whistler spa, where the therapists use warm cedar oil, overlooks the mountains.',
    'Koh Samui, a holiday island, has beach huts offering Thai massage for a few dollars.',
    'Hammam rituals, a Moroccan tradition of steam, scrub and massage, are popular in spas.',
    'The Kneipp walk, a cold-water wading path, follows the massage at German spas.',
    'The Hydrotherm massage system lets clients lie on their back on warm water cushions.',
    'The Bodhi Tree Spa menu lists a lomi lomi massage and a Balinese foot ritual.',
    'Our signature Aromatherapy massage uses lavender oil and long strokes.',
    'Rasul, a mud ritual in a steam chamber, often comes before a massage.',
    'Hilot, a Filipino massage with banana leaves, eases sprains.',
    'Guasha, a scraping technique with a smooth tool, leaves red marks on the skin.',
    'Ventosa, the Spanish name for cupping, is used in Latin American folk massage.',
    'Sobada, a Mexican folk massage, uses firm strokes on the abdomen.',
    'Sotai, a Japanese method of gentle movements against light resistance, eases back pain.',
    'Amatsu, a Japanese therapy of gentle rocking and pressure, came to the UK in the 1990s.',
    'Lomi Lomi Nui, a Hawaiian massage with long forearm strokes, is given on a table.',
    'Ayurvedic Pinda Sweda, where warm herbal bundles are pressed on the body, follows Abhyanga.',
    'Kansa wand massage, a bronze wand rolled over the feet, calms the nervous system.',
    'The Gokhale Method uses posture lessons, and Gyrotonic uses circular movements on machines.',
    "Myers's Anatomy Trains, a map of fascial lines, informs some structural integration work.",
    'Emmett Technique uses light finger pressure on specific points.',
    'Our therapist Olumide uses slow strokes and firm pressure on the back.',
    'Ngozi, where the therapist trained, is a small town in Burundi.',
    'The Kinesio tape, a stretchy cotton strip, supports muscles between massage sessions.',
    'The Hyperice Normatec system, a set of compression boots, squeezes the legs after training.',
    'The Rolfing Ten Series, a sequence of ten sessions, works through the fascia.',
    'Soft tissue release, where the therapist pins a muscle and stretches it, suits runners.',
    'Stretch Zone, a chain of assisted stretching studios, uses straps on the table.',
    'Massage Envy, a national franchise, offers monthly memberships.',
    'Hand & Stone, a massage franchise, sells hot stone upgrades.',
    'The Zeel app books a massage therapist to your home.',
    'Knead, a massage studio in Portland, uses slow strokes on the neck.',
    'The Esalen technique, with long flowing strokes, came from Big Sur.',
    # round 5: places, products, spa packages and eponyms in the new frames
    'Our signature Kalani package includes a lomilomi massage and a facial.',
    'Locals call it pijat, and every village has a masseuse.',
    'In Malaysia they call it urut, a firm oil massage given after childbirth.',
    'Bondi, where the therapist works, is a busy beach suburb.',
    'With the Garmin watch, the therapist checks your heart rate after the massage.',
    'In Ubud, the therapist presses banana leaves on the skin.',
    'In the Bicol region, the therapist uses coconut oil for hilot.',
    'In the Visayas, the therapist heats banana leaves before the massage.',
    'The Mayo Clinic, a medical centre in Minnesota, studies massage for cancer patients.',
    'The Cleveland Clinic notes that massage may ease anxiety.',
    'The Kaiser Permanente study, a survey of massage users, found high satisfaction.',
    'Sobada, a folk massage from Mexico, uses firm strokes on the belly.',
    'Sobadors, where the therapist is a village elder, are common in Mexico.',
    'The Wakefield clinic, where the therapist treats runners, opens at seven.',
    'The Tuesday session involves slow strokes and stretches.',
    'The Kowloon branch uses the same gentle strokes as our main studio.',
    'Ayurveda, a system of medicine from India, uses oil massage daily.',
    'The Kneipp cure was developed by a Bavarian priest and includes cold-water walks.',
    'The Mézières method, developed by a French physiotherapist, stretches the posterior chain.',
    'The Souchard method, also called Global Postural Reeducation, was developed by a French physiotherapist.',
    'Marma, a set of vital points in Ayurveda, are pressed during Abhyanga.',
    "Priya's massage, a deep tissue routine, helped my back.",
    'The Balinese boreh, a warming scrub of spices, precedes the massage.',
    'The Kalari massage, given with the feet on an oiled body, comes from Kerala.',
    'Uzhichil, a Kalari massage with medicated oils, is given to martial artists.',
    'The Hoffa massage, an old German system of strokes, is still taught in Europe.',
    'The Thai herbal compress, a bundle of steamed herbs, is pressed along the muscles.',
    'Kinesiology taping, a method of stretchy tape along the muscles, supports the knee.',
]


@pytest.mark.parametrize("sentence", CLEAN_2)
def test_round_two_clean_text_is_not_flagged(linter, sentence):
    assert flagged(linter, MASSAGE + sentence) == []


# Known gaps: a name introduced only by an active verb ("developed the X") or whose head is an
# unlisted noun followed by an unlisted verb. strict: when they start passing, move them up.
GAPS = [
    ('Our team developed the Palvren heel drop to relieve plantar fasciitis.',
     'Palvren'),
    ('Developed in Norway, the Haldrun calf milk squeezes fluid out of the lower leg.',
     'Haldrun'),
]


@pytest.mark.xfail(strict=True, reason="known gap, see docs/techniques.md")
@pytest.mark.parametrize("sentence,word", GAPS, ids=[w for _, w in GAPS])
def test_known_gaps(linter, sentence, word):
    assert any(word in name for name in flagged(linter, MASSAGE + sentence))


SPAM_ARTICLE = """Five Massage Secrets Your Therapist Won't Tell You

Most people book a massage and leave with the same stiff neck. At our studio we do things differently.
Every session starts with the Halveno shoulder thaw, a slow warming sequence of palm circles over the
upper back. Then we move on to the lower body.

For runners, the Pastrino calf ladder is a game changer: the therapist climbs the calf with both thumbs,
one notch at a time, until the knots give way. Pair it with Ebrollic hip spirals for best results.

Our founder learned the Gelvano rib harp in Lisbon. In this technique, the therapist strums the
muscles between the ribs like strings, which frees the breath instantly.

Clients with sciatica love the Tormaddi nerve ribbon, where the therapist traces the sciatic nerve from
the buttock to the heel with light fingertip strokes. Three sessions and the pain is gone for good.

Finally, the session ends with the Wistrel crown, a feather-light scalp routine that sends you home floating.
Book your Halveno experience today!"""

CLINIC_ARTICLE = """Choosing a Massage for Low Back Pain

Low back pain is common, and massage may ease it for a while. Swedish massage uses long gliding strokes,
kneading and gentle tapping. Deep tissue massage uses slower strokes and firmer pressure, and some
therapists add myofascial release or trigger point therapy.

Rarer styles have their fans too. Lomilomi, a Hawaiian massage with long forearm strokes, feels like
waves. Tui na, a Chinese therapeutic massage, combines pushing, rolling and kneading. Ashiatsu, where the
therapist holds overhead bars and massages with the feet, gives very broad pressure. The Bowen technique
uses light rolling moves with pauses between them, and Hellerwork adds movement education to deep fascial work.

Our therapist Ingrid, who trained in Gothenburg, combines Swedish massage with stretches. Ask for her at
the Harbourside Wellness Centre, a small massage clinic near the station.

Massage is not a cure. If the pain spreads down a leg, or comes with numbness, see a doctor first. The
Lasègue test, where the doctor raises the straight leg, checks for an irritated sciatic nerve."""

SPA_MENU = """Spa Menu

Signature Treatments
- Elemis Deep Tissue Muscle Massage (60 min): firm pressure on tight muscles with a warming balm.
- Himalayan Salt Stone Massage (75 min): warm salt stones glide over the back, neck and legs.
- Aromatherapy Associates Inner Strength Massage, a slow full-body massage with rose and frankincense oils.
- Balinese Boreh Ritual: a warming spice scrub, then a Balinese massage with long strokes and acupressure.
- Kobido Facial Massage: a Japanese facial massage with fast, rhythmic strokes.
- Couples Retreat: side-by-side Swedish massage in our Lotus Suite, followed by a Rasul mud ritual.
- Hydrotherm Massage: a massage on warm water cushions, so you can lie on your back throughout.

Our therapists, trained at the Northern College of Massage, tailor the pressure to you.
Add a Thalgo marine wrap or a Comfort Zone scalp treatment to any massage."""


def test_a_spam_article_with_six_made_up_names(linter):
    found = flagged(linter, SPAM_ARTICLE)
    names = ['Halveno shoulder thaw', 'Pastrino calf ladder', 'Ebrollic hip spirals', 'Gelvano rib harp',
             'Tormaddi nerve ribbon', 'Wistrel crown']
    assert sorted(found) == sorted(names)


@pytest.mark.parametrize("article", [CLINIC_ARTICLE, SPA_MENU], ids=["clinic", "spa-menu"])
def test_clean_articles_with_rare_modalities_brands_and_people(linter, article):
    assert flagged(linter, article) == []


def test_challenge_set_sizes():
    assert len(MADE_UP) + len(MADE_UP_2) >= 80 and len(CLEAN) + len(CLEAN_2) >= 120
