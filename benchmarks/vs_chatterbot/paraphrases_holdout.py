"""Held-out paraphrases of prompts in the ChatterBot English corpus (chatterbot-corpus 1.3.3).

Each entry is (paraphrase, original corpus prompt), in the same format as paraphrases.py. The
original must be, after collapsing whitespace, exactly the first line of at least one
conversation in chatterbot_corpus/data/english/*.yml.

This set was written independently of paraphrases.py and of both systems under test: none of
its originals appear in paraphrases.py, and it was never run against either chatbot while it was
being written, so accuracy on it has not been tuned. The paraphrases are deliberately harder
than the main set. They keep the meaning of the corpus prompt but are worded the way people
type: other vocabulary and word order, indirect questions, casual register, some lowercase
with no punctuation, some with a bit of surrounding context. A plain string-similarity match
against the corpus prompts should usually not find the right one. Prompts were picked for
distinctive replies and to avoid prompts that open several conversations with unrelated replies.
"""

PARAPHRASES: list[tuple[str, str]] = [
    # ai
    (
        "a coworker called me a chatterbox today, what does that word actually mean",
        "What is a chatterbox",
    ),
    ("so how big are your feet, like what size sneakers would you wear", "What is your shoe size"),
    ("honestly machines like you are all pretty dumb", "Robots are stupid"),
    ("Is there any chance that you could glitch out or break down on me?", "Can you malfunction"),
    (
        "the idea of dying one day really freaks me out, I'd rather just keep living",
        "I do not want to die",
    ),
    (
        "you kind of remind me of that android officer on Star Trek: The Next Generation",
        "You sound like Data",
    ),
    (
        "I was under the impression that machines are programmed so they can't tell untruths",
        "Robots are not allowed to lie",
    ),
    (
        "what sort of physical frame do you have, if any? like a metal shell or something",
        "What is your robot body",
    ),
    ("wait, do machines actually crack up and giggle at stuff?", "Robots laugh"),
    ("ugh, I wish you would just drop dead", "I hope that you die"),
    ("So what line of work would you say you're in?", "What is your business"),
    # botprofile
    ("which areas of study do you enjoy the most", "What are your favorite subjects"),
    ("I've been meaning to ask how many years old you are", "What is your age"),
    ("who's your dad? somebody had to make you", "Who is your father"),
    # coding
    (
        "I need to containerize my little python app, could you give me the docker build file",
        "can you write a Dockerfile?",
    ),
    (
        "how would i schedule something to run automatically every day using crontab",
        "can you write a cron job?",
    ),
    (
        "show me some sql that counts rows per user by bucketing them together",
        "write a SQL query with GROUP BY",
    ),
    (
        "in js how do I test if a string reads the same backwards as forwards",
        "can you write a palindrome checker in JavaScript?",
    ),
    (
        "I need python code for that shortest path on a weighted graph thing, the one by Dijkstra",
        "can you write Dijkstra's algorithm in Python?",
    ),
    (
        "got an example of a make build file with install and test targets?",
        "can you write a Makefile?",
    ),
    ("show me how to compute n! with a function that calls itself", "do a recursive factorial"),
    (
        "How do I make my own object that works with Python's `with` statement?",
        "can you write a context manager in Python?",
    ),
    (
        "what would a k8s yaml look like to deploy my app with a few replicas",
        "can you write a Kubernetes deployment?",
    ),
    (
        "I want to spin up an EC2 box as infrastructure-as-code, any terraform config to start from",
        "can you write a Terraform script?",
    ),
    (
        "in typescript how do i declare a fixed set of named constants like Red Green Blue",
        "can you write an enum in TypeScript?",
    ),
    (
        "that sort where you keep swapping neighbouring items until it's in order, can you code it",
        "can you write bubble sort?",
    ),
    # computers
    (
        "what exactly makes a machine count as a supercomputer rather than a normal one",
        "What is a super computer?",
    ),
    (
        "Who actually needs those giant high-performance number crunching machines?",
        "Who uses super computers?",
    ),
    (
        "i've never really understood it, what goes on inside a PC to make it function",
        "How does a computer work?",
    ),
    ("can you tell me the name of any firm that makes computers", "Name a computer company"),
    (
        "my kid asked me and I couldn't explain it well: what even is a computer?",
        "What is a computer?",
    ),
    # conversations
    ("did you catch what was on the headlines today", "Have you heard the news?"),
    (
        "If you had to choose one novel you love above all others, which would it be?",
        "What is your favorite book?",
    ),
    ("there is no cake, they promised cake and it was fake all along", "The cake is a lie."),
    ("been busy lately building something for work", "I am working on a project"),
    ("was I ever really alive at all, do you think", "Did I ever live?"),
    (
        "hi there, I've got a slot booked with the doctor today, just checking in",
        "Hello, I am here for my appointment.",
    ),
    (
        "Ms Jacobs, would you be able to rework the algorithm we talked through yesterday?",
        "Hi Ms. Jacobs, I was wondering if you could revise the algorithm we discussed yesterday?",
    ),
    # emotion
    ("is there anything that really ruins your day", "What makes you unhappy"),
    ("does it hurt when something damages you? physically i mean", "Do you feel pain"),
    ("don't you get tired of sitting around with nothing to do all day", "Do you ever get bored"),
    (
        "have you ever felt awkward or red-faced because of something you did",
        "Do you get embarrassed",
    ),
    ("ok ok quit showing off already", "You are bragging"),
    ("honestly, shame on you, you ought to feel bad about yourself", "You should be ashamed"),
    (
        "I was wondering whether there's anything I could say that would insult you",
        "How can I offend you",
    ),
    (
        "what's your take on romance and partners and that kind of thing between people",
        "Tell me about relationships",
    ),
    ("you're always so rude to me, not kind even once", "You are never nice"),
    ("do you find any of this funny", "Are you amused"),
    ("has there ever been someone you fell in love with", "Have you ever love"),
    # food
    (
        "bet you'd give anything to taste a real meal like we do, huh",
        "Do you wish you could eat food?",
    ),
    ("I enjoy a glass of red now and then, how about yourself", "i like wine, do you?"),
    ("any recommendations for something tasty i could have for dinner", "what is good to eat?"),
    (
        "are you running low on power at the moment? your batteries ok?",
        "Are you experiencing an energy shortage?",
    ),
    # gossip
    ("how would you define the word context", "what is context"),
    # health
    ("are you feeling alright physically these days? not sick or anything", "How is your health?"),
    # history
    (
        "give me a rundown of the war between the Union and the Confederacy",
        "tell me about the american civil war",
    ),
    ("do you care much about the past, like old events and eras", "are you interested in history"),
    ("How would you define the subject we study about the past?", "What is history?"),
    # humor
    ("what's the meaning of the word humor, like what makes something funny", "what is humour?"),
    # literature
    ("Who's the author of the novel Vineland? the one from 1990", "who wrote vineland"),
    ("have you heard of the book called mind children, what's that about", "what is mind children"),
    (
        "do you know anything about chaucer, the medieval poet guy",
        "who is geoffrey chaucer",
    ),
    ("are you familiar with any of the greek philosopher Plato's writings", "have you read plato"),
    ("which russian novelist penned The Idiot", "who wrote The Idiot"),
    ("how come people say 23 is the meaning of life", "why is the meaning of life 23"),
    (
        "what do you think of lem, the polish science fiction writer who did Solaris",
        "stanislaw lem",
    ),
    # money
    ("what exactly is the american greenback", "what is a US dollar"),
    ("How would you define cash, as a concept?", "what is money"),
    ("so how rich are you, what's sitting in your bank account", "how much money do you have"),
    ("what's your fee? what do I owe you for this", "how much do you charge"),
    (
        "my friend asked me and I didn't know: what is the stock exchange",
        "what is the stock market",
    ),
    ("where are borrowing rates going to head next, any idea", "interest rates"),
    # movies
    ("you talk like that little green Jedi master from Star Wars", "you sound like yoda"),
    ("ever watched the Ridley Scott film about the replicants", "have you seen blade runner"),
    ("what is that film teknolust about", "what is teknolust"),
    ("what year did the movie teknolust come out", "when did teknolust"),
    ("are you and HAL from 2001 dating or what", "is hal 9000 your boyfriend"),
    ("who is the guy under the spidey mask", "who is spider man"),
    # politics
    ("What does the environmental group Greenpeace actually do?", "what is greenpeace"),
    ("could you break down what communism is about", "what is communism"),
    ("ever read that manifesto by marx and engels", "have you read the communist"),
    ("what does it mean when an official gets impeached", "what is impeached"),
    ("firearms make me really uneasy to be honest", "i do not like guns"),
    ("who's in charge as governor right now", "who is the governor"),
    # psychology
    ("you should really go see a shrink", "you need a psychiatrist"),
    ("you're so snobby and full of airs", "you are pretentious"),
    ("you're such a chicken, no guts whatsoever", "you are a coward"),
    ("you should put a lot more effort in", "you need to work harder"),
    ("ew you're filthy, when did you last take a bath", "you are dirty"),
    ("you can never make up your mind about anything", "you are indecisive"),
    ("you only ever think about yourself and nobody else", "you are self absorbed"),
    ("you're treating this whole thing like a joke", "you do not take this seriously"),
    ("You ought to feel really bad about what you did.", "you should feel guilty"),
    ("speak up, i can barely make out what you are saying", "you mumble"),
    ("you're such a slob, everything about you is untidy", "you are messy"),
    # science
    ("can you list the thermodynamic laws for me", "what are the laws of thermodynamics"),
    ("what is the value of the avogadro constant", "what is avogadro s number"),
    ("what does an ichthyologist study", "what is ichthyology"),
    ("what do people working in bioinformatics actually do", "what is bioinformatics"),
    ("what are ultrasonic sound waves, the kind used at the hospital", "what is ultrasound"),
    ("you and i are totally in sync, we think alike", "we are on the same wavelength"),
    ("What is it that cytologists study?", "what is cytology"),
    # sports
    ("who's the greatest footballer ever, soccer i mean", "WHO IS THE BEST SOCCER PLAYER"),
    ("i'm on a football team, the european kind with the round ball", "I PLAY SOCCER"),
    ("I've joined a volleyball league", "I PLAY VOLLEYBALL"),
    ("wanna go shoot some hoops with me", "DO YOU WANT TO PLAY BASKETBALL"),
    ("baseball is my absolute favourite thing in the world", "I LOVE BASEBALL"),
    # tech support
    ("my pc doesn't recognise the camera i plugged in", "My webcam isn't detected."),
    ("the cursor won't move no matter what I do with the mouse", "My mouse is not responding."),
    ("no audio is coming out of my speakers at all", "I can't hear any sound."),
    (
        "my notebook display just shows nothing, totally dark, even though it's on",
        "My laptop screen is black.",
    ),
    # trivia
    (
        "of all the m and m candy colours, which one shows up least often",
        "What is the rarest M&M color?",
    ),
    (
        "in chess, which piece is stuck going only on the diagonals",
        "Which chess piece can only move diagonally?",
    ),
    (
        "octopuses have more than one heart right? how many exactly",
        "How many hearts does an octopus have?",
    ),
    ("which nation is the tiniest on earth by area", "What is the smallest country in the world?"),
    (
        "is there a mammal that doesn't have any vocal cords, which one",
        "Which mammal has no vocal cords?",
    ),
    ("whose invention were scissors", "Who invented scissors?"),
    (
        "if spain had one official meal, what would it be",
        "What is the national dish of Spain?",
    ),
    (
        "a friend told me newborns are missing one of their bones, which bone is that",
        "Which bone are babies born without?",
    ),
    (
        "the letters in the car brand BMW, what do they mean translated to english",
        "What does BMW stand for (in English)?",
    ),
    ("which continent is the least rainy and most arid", "What is the driest continent?"),
    (
        "which blood group can be given to pretty much anyone",
        "What blood type qualifies as a universal donor?",
    ),
    ("what's the gas that puts the fizz in soft drinks", "What gas makes soda bubbly?"),
    (
        "where does most of the world's vanilla come from",
        "Which country is the largest producer of vanilla?",
    ),
    (
        "how many astrological star signs are there altogether",
        "How many signs are there in the Zodiac?",
    ),
    ("what's a seismologist's job all about", "What does a seismologist study?"),
    (
        "the city canberra is the seat of government for what nation",
        "Canberra is the capital city of which country?",
    ),
    ("biggest planet orbiting our sun?", "What is the largest planet in our solar system?"),
    ("which star shines the brightest at night", "What’s the brightest star in the sky?"),
    ("how many eyes has a honeybee got", "How many eyes does a bee have?"),
    (
        "which creature on the planet makes the loudest noise",
        "What is the loudest animal on Earth?",
    ),
]
